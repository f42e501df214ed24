import { createRemoteJWKSet, jwtVerify } from 'jose';
import { z } from 'zod';

/**
 * Teams SSO for the agent console tab: inside Teams the tab gets an Entra ID access token with
 * `microsoftTeams.authentication.getAuthToken()` and sends it as `Authorization: Bearer <jwt>`.
 * This checks that token against Entra ID's published keys. No botbuilder or express here.
 */

export interface TeamsSsoOptions {
  /** TEAMS_SSO_CLIENT_ID: the Entra app the token is issued for (GUID). */
  clientId: string;
  /** TEAMS_SSO_TENANT_ID: only this tenant's users are agents. */
  tenantId: string;
  /** TEAMS_SSO_JWKS_URL: Entra ID's signing keys (tests point it at local keys). */
  jwksUrl: string;
  /** PUBLIC_URL's hostname, for the api://<host>/<clientId> audience. */
  hostname?: string;
  /** TEAMS_SUPERVISOR_GROUPS: Entra group object ids (lower case); a member (by the token's `groups` claim) is a supervisor. */
  supervisorGroups?: readonly string[];
}

export interface SsoAgent {
  /** `aad:<oid>`: the user's object id, stable across renames and sign-ins. */
  id: string;
  name: string;
}

/** `reason` is for the server log only: never show it to the caller. */
export type SsoResult = { ok: true; agent: SsoAgent; supervisor?: true } | { ok: false; reason: string };

export const DEFAULT_TEAMS_SSO_JWKS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';

/** Clock skew allowed on exp and nbf, in seconds. */
const CLOCK_TOLERANCE_SECONDS = 60;

/** Three base64url parts: anything else (agent tokens, Direct Line tokens) is turned away offline. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** A display claim of an odd type should not lock an agent out: it just falls back. */
const DisplayClaim = z.string().trim().min(1).optional().catch(undefined);

/** The claims used, after the signature and the registered claims have been verified. */
const ClaimsSchema = z.object({
  oid: z.guid(),
  tid: z.guid(),
  name: DisplayClaim,
  preferred_username: DisplayClaim,
  /** Delegated scopes: a user's token has them, an app-only (client credentials) token has none. */
  scp: z.string().optional(),
  /** Group object ids, when the app registration emits the groups claim; an odd type means none, not a refusal. */
  groups: z.array(z.string()).optional().catch(undefined),
});

/** The scope Teams SSO asks for (the Entra app exposes it); without it the token is not a signed-in agent's. */
export const SSO_SCOPE = 'access_as_user';

export function createTeamsSsoVerifier(options: TeamsSsoOptions): (token: string) => Promise<SsoResult> {
  // Entra ID writes GUIDs in lower case; the configured ones may not be.
  const clientIds = unique([options.clientId, options.clientId.toLowerCase()]);
  const tenantId = options.tenantId.toLowerCase();
  const hostname = options.hostname?.toLowerCase();
  const supervisorGroups = new Set((options.supervisorGroups ?? []).map((id) => id.toLowerCase()));
  // v2 tokens carry the client id; v1 tokens the Application ID URI, api://<clientId> or, as
  // Teams SSO asks for, api://<host>/<clientId>.
  const audience = unique(
    clientIds.flatMap((id) => [id, `api://${id}`, ...(hostname ? [`api://${hostname}/${id}`] : [])]),
  );
  // A tenant-specific issuer, never "common": tokens from other tenants are signed by the same keys.
  const issuer = [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`];
  // Created once: jose caches the keys and refetches when a token names a kid it hasn't seen.
  const keys = createRemoteJWKSet(new URL(options.jwksUrl));

  return async (token: string): Promise<SsoResult> => {
    if (typeof token !== 'string' || !JWT_SHAPE.test(token)) return { ok: false, reason: 'not a JWT' };
    let payload: unknown;
    try {
      // RS256 only: the alg check runs before any key is fetched, so alg "none" and HS256
      // forgeries never reach the network, let alone verify.
      ({ payload } = await jwtVerify(token, keys, {
        algorithms: ['RS256'],
        audience,
        issuer,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'oid', 'tid'],
      }));
    } catch (err) {
      return { ok: false, reason: describeError(err) };
    }
    const claims = ClaimsSchema.safeParse(payload);
    if (!claims.success) {
      const at = claims.error.issues.map((issue) => issue.path.join('.')).join(', ');
      return { ok: false, reason: `bad claims: ${at}` };
    }
    // The issuer names the tenant too, but tid is the claim Entra documents for it: check both.
    if (claims.data.tid.toLowerCase() !== tenantId) return { ok: false, reason: `tid ${claims.data.tid} is not the agents' tenant` };
    // Another app of the tenant may get an app-only token for our client id: it has no user behind it.
    if (!(claims.data.scp ?? '').split(' ').includes(SSO_SCOPE)) return { ok: false, reason: `no ${SSO_SCOPE} scope: not a user's token` };
    const { oid, name, preferred_username, groups } = claims.data;
    const agent = { id: `aad:${oid.toLowerCase()}`, name: name ?? preferred_username ?? 'Teams agent' };
    // A user in too many groups gets no `groups` claim (Entra's overage): they sign in as an agent.
    const supervisor = (groups ?? []).some((id) => supervisorGroups.has(id.toLowerCase()));
    return supervisor ? { ok: true, agent, supervisor: true } : { ok: true, agent };
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** jose's code and message, e.g. `ERR_JWT_EXPIRED: "exp" claim timestamp check failed`. */
function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
