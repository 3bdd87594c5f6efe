// The rich error model: the service puts a google.rpc.Status in the grpc-status-details-bin trailer, with an ErrorInfo
// (reason and domain "registry") on every refusal, a BadRequest for field violations and a RetryInfo on quota errors.
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import { GOOGLE_PROTOS } from './registry-client.js';

const root = new protobuf.Root();
root.resolvePath = (origin, target) =>
  (target.startsWith('google/rpc/') ? path.join(GOOGLE_PROTOS, target) : protobuf.util.path.resolve(origin, target));
root.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto'], { keepCase: true });

/** google.rpc.Status and the detail types, for building statuses in tests. */
export const Status = root.lookupType('google.rpc.Status');
export const lookupType = (name) => root.lookupType(name);
const DETAIL_TYPES = ['ErrorInfo', 'BadRequest', 'RetryInfo', 'RequestInfo', 'DebugInfo', 'QuotaFailure', 'PreconditionFailure', 'Help'];

/** The gRPC code's name, e.g. PERMISSION_DENIED. */
export const codeName = (code) => Object.keys(grpc.status).find((k) => grpc.status[k] === code) ?? String(code);

/**
 * Decodes a grpc-js error's details.
 * @param {grpc.ServiceError} error
 * @returns {{ code: string, message: string, errorInfo?: object, badRequest?: object, retryInfo?: object, details: object[] }}
 */
export function decodeRichError(error) {
  const result = { code: codeName(error.code), message: error.details, details: [] };
  const [bin] = error.metadata?.get('grpc-status-details-bin') ?? [];
  if (!bin) return result;

  const status = Status.decode(bin);
  result.message = status.message || result.message;
  for (const any of status.details) {
    const name = any.type_url.slice(any.type_url.lastIndexOf('/') + 1);
    const typeName = DETAIL_TYPES.find((t) => name === `google.rpc.${t}`);
    if (!typeName) {
      result.details.push({ type: name });
      continue;
    }
    const type = root.lookupType(name);
    const detail = type.toObject(type.decode(any.value), { longs: String, enums: String, defaults: true });
    result.details.push({ type: name, ...detail });
    const key = typeName.charAt(0).toLowerCase() + typeName.slice(1);
    result[key] = detail;
  }
  return result;
}

/** One line a person can read: code, reason, violations and retry delay, e.g. "PERMISSION_DENIED CONSENT_REVOKED: ...". */
export function describe(rich) {
  const parts = [rich.code];
  if (rich.errorInfo) parts.push(rich.errorInfo.reason);
  let text = `${parts.join(' ')}: ${rich.message}`;
  for (const v of rich.badRequest?.field_violations ?? []) {
    text += ` [${v.field}: ${v.description}]`;
  }
  const delay = rich.retryInfo?.retry_delay;
  if (delay) text += ` (retry after ${Number(delay.seconds) + (delay.nanos ?? 0) / 1e9} s)`;
  return text;
}
