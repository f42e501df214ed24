import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';

/**
 * A local stand-in for login.botframework.com's published signing keys, so the real JWT checks of
 * botbuilder's CloudAdapter run offline: an OpenID metadata document and a key set with one key,
 * endorsed for the channels the tests use. Tokens it signs are real RS256 JWTs.
 */
export interface LocalKeys {
  metadataUrl: string;
  sign(claims: Record<string, unknown>, options?: { kid?: string; key?: KeyObject }): string;
  close(): Promise<void>;
}

export const CHANNEL_ISSUER = 'https://api.botframework.com';

export async function startLocalKeys(endorsements = ['msteams', 'slack', 'webchat', 'directline']): Promise<LocalKeys> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'local-test-key';
  const jwk = publicKey.export({ format: 'jwk' });
  let base = '';
  const server: Server = createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'], token_endpoint_auth_methods_supported: ['private_key_jwt'] }));
    } else if (req.url === '/keys') {
      res.end(JSON.stringify({ keys: [{ ...jwk, kid, use: 'sig', alg: 'RS256', endorsements }] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/.well-known/openidconfiguration`,
    sign(claims, options = {}) {
      const header = { alg: 'RS256', typ: 'JWT', kid: options.kid ?? kid };
      const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
      const body = `${encode(header)}.${encode(claims)}`;
      const signature = createSign('RSA-SHA256').update(body).sign(options.key ?? privateKey).toString('base64url');
      return `${body}.${signature}`;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
