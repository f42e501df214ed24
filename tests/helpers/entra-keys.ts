import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';

/**
 * A local stand-in for Entra ID's published signing keys (login.microsoftonline.com/…/keys), so
 * Teams SSO tokens are checked for real, offline. Tokens it signs are real RS256 JWTs.
 */
export interface EntraKeys {
  jwksUrl: string;
  /** The key the set publishes: for forgeries that (mis)use it. */
  publicKey: KeyObject;
  /** How many times the key set has been fetched: checks that bad tokens don't go to the network. */
  readonly fetches: number;
  sign(claims: Record<string, unknown>, options?: { kid?: string; key?: KeyObject; header?: Record<string, unknown> }): string;
  close(): Promise<void>;
}

export const ENTRA_KID = 'local-entra-key';

export async function startEntraKeys(): Promise<EntraKeys> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/discovery/v2.0/keys') {
      fetches++;
      res.end(JSON.stringify({ keys: [{ ...jwk, kid: ENTRA_KID, kty: 'RSA', use: 'sig' }] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    jwksUrl: `${base}/discovery/v2.0/keys`,
    publicKey,
    get fetches() {
      return fetches;
    },
    sign(claims, options = {}) {
      const header = { typ: 'JWT', alg: 'RS256', kid: options.kid ?? ENTRA_KID, ...options.header };
      const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
      const body = `${encode(header)}.${encode(claims)}`;
      const signature = createSign('RSA-SHA256').update(body).sign(options.key ?? privateKey).toString('base64url');
      return `${body}.${signature}`;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections(); // jose's fetches keep the socket alive
        server.close(() => resolve());
      }),
  };
}

/** Who a Teams SSO token is for: the Entra app (client id), its tenant, and the signed-in user's object id. */
export interface SsoIds {
  clientId: string;
  tenantId: string;
  oid: string;
}

/**
 * The claims of a Teams SSO v2 access token as Entra ID issues it to a tab: for `clientId`, from
 * `tenantId`'s v2 issuer, with the `access_as_user` scope, valid for an hour. `overrides` replace
 * claims; an override of `undefined` leaves the claim out.
 */
export function teamsSsoClaims(ids: SsoIds, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    aud: ids.clientId,
    iss: `https://login.microsoftonline.com/${ids.tenantId}/v2.0`,
    iat: now - 10,
    nbf: now - 10,
    exp: now + 3600,
    name: 'Alice Agent',
    preferred_username: 'alice@contoso.example',
    oid: ids.oid,
    tid: ids.tenantId,
    scp: 'access_as_user',
    ver: '2.0',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
}
