// The Registry gRPC clients, loaded at run time straight from the contract in Registry.Protos/registry/v1/ (no
// generated code), with the google/rpc and google/type protos it imports from the repository's eng/googleapis.
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const CONTRACT_ROOT = fileURLToPath(new URL('../../../Registry.Protos/', import.meta.url));
export const GOOGLE_PROTOS = fileURLToPath(new URL('../../../eng/googleapis/', import.meta.url));

const definition = protoLoader.loadSync(['registry/v1/consent.proto', 'registry/v1/check.proto'], {
  includeDirs: [CONTRACT_ROOT, GOOGLE_PROTOS],
  keepCase: true, // field names as the contract spells them: consent_id, request_id
  enums: String, // enum values by wire name: PURPOSE_DATING_SAFETY
  longs: String,
  defaults: true,
  oneofs: true,
});
const v1 = grpc.loadPackageDefinition(definition).registry.v1;

/**
 * Parses REGISTRY_SERVER: http://host:port is h2c (plaintext HTTP/2), https://host[:port] is TLS with the system's roots
 * (grpc-js reads a private CA from GRPC_DEFAULT_SSL_ROOTS_FILE_PATH).
 * @returns {{ target: string, credentials: grpc.ChannelCredentials }}
 */
export function parseServer(server) {
  let url;
  try {
    url = new URL(server);
  } catch {
    throw new Error(`REGISTRY_SERVER must be an http:// or https:// address, e.g. http://localhost:5080; got '${server}'.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`REGISTRY_SERVER must start with http:// (h2c) or https:// (TLS); got '${url.protocol}'.`);
  }
  const tls = url.protocol === 'https:';
  const port = url.port || (tls ? '443' : '80');
  return {
    target: `${url.hostname}:${port}`,
    credentials: tls ? grpc.credentials.createSsl() : grpc.credentials.createInsecure(),
  };
}

/** The consent and check clients of one partner, sharing one channel; every call carries the partner's bearer key. */
export function createClients(server, apiKey) {
  const { target, credentials } = parseServer(server);
  const consents = new v1.ConsentService(target, credentials);
  const checks = new v1.CheckService(target, credentials, { channelOverride: consents.getChannel() });
  const metadata = () => {
    const m = new grpc.Metadata();
    m.set('authorization', `Bearer ${apiKey}`);
    return m;
  };
  const unary = (client, method) => (request, timeoutMs = 10_000) =>
    new Promise((resolve, reject) => {
      client[method](request, metadata(), { deadline: Date.now() + timeoutMs }, (error, response) =>
        (error ? reject(error) : resolve(response)));
    });

  return {
    grantConsent: unary(consents, 'GrantConsent'),
    revokeConsent: unary(consents, 'RevokeConsent'),
    check: unary(checks, 'Check'),
    close: () => consents.close(),
  };
}
