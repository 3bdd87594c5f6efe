// Decoding of the grpc-status-details-bin trailer, on a status built the way the service builds one
// (RegistryStatusMapping: ErrorInfo with domain "registry", then BadRequest, then RetryInfo).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { Status, decodeRichError, describe, lookupType } from '../src/rich-error.js';
import { parseServer } from '../src/registry-client.js';

function pack(typeName, value) {
  const type = lookupType(typeName);
  return { type_url: `type.googleapis.com/${typeName}`, value: type.encode(type.fromObject(value)).finish() };
}

function serviceError(code, details) {
  const metadata = new grpc.Metadata();
  const status = Status.fromObject({ code, message: 'The request is invalid.', details });
  metadata.set('grpc-status-details-bin', Buffer.from(Status.encode(status).finish()));
  return Object.assign(new Error('plain'), { code, details: 'plain message', metadata });
}

test('ErrorInfo, BadRequest and RetryInfo are decoded from the trailer', () => {
  const error = serviceError(grpc.status.INVALID_ARGUMENT, [
    pack('google.rpc.ErrorInfo', { reason: 'VALIDATION_FAILED', domain: 'registry' }),
    pack('google.rpc.BadRequest', { field_violations: [{ field: 'evidence.captured_at', description: 'must not be in the future' }] }),
    pack('google.rpc.RetryInfo', { retry_delay: { seconds: 2, nanos: 500_000_000 } }),
  ]);

  const rich = decodeRichError(error);

  assert.equal(rich.code, 'INVALID_ARGUMENT');
  assert.equal(rich.message, 'The request is invalid.');
  assert.deepEqual({ reason: rich.errorInfo.reason, domain: rich.errorInfo.domain }, { reason: 'VALIDATION_FAILED', domain: 'registry' });
  assert.equal(rich.badRequest.field_violations[0].field, 'evidence.captured_at');
  assert.equal(describe(rich),
    'INVALID_ARGUMENT VALIDATION_FAILED: The request is invalid. [evidence.captured_at: must not be in the future] (retry after 2.5 s)');
});

test('without the trailer the plain status is described', () => {
  const error = Object.assign(new Error('x'), { code: grpc.status.UNAVAILABLE, details: 'connection refused', metadata: new grpc.Metadata() });

  assert.equal(describe(decodeRichError(error)), 'UNAVAILABLE: connection refused');
});

test('http:// is plaintext h2c, https:// is TLS on 443 by default, anything else is refused', () => {
  assert.equal(parseServer('http://localhost:5080').target, 'localhost:5080');
  assert.equal(parseServer('http://localhost:5080').credentials._isSecure(), false);
  assert.equal(parseServer('https://registry.example').target, 'registry.example:443');
  assert.equal(parseServer('https://registry.example').credentials._isSecure(), true);
  assert.throws(() => parseServer('localhost:5080'), /http:\/\/ \(h2c\) or https:\/\//);
});
