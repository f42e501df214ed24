import { randomBytes } from 'node:crypto';
import type { Config } from '../config/config';
import type { Logger } from '../core/logger';
import { AgentAuth } from './agent-auth';
import { createTeamsSsoVerifier } from './teams-sso';

export interface AgentAccess {
  auth: AgentAuth;
  /** Made up at start-up in development when AGENT_TOKENS is unset, so `npm start` has a working console. */
  devToken?: string;
}

/** The agent's sign-in from the config: AGENT_TOKENS, Teams SSO, or (development only) a one-off token. */
export function agentAccess(config: Config, log: Logger): AgentAccess {
  const sso = config.TEAMS_SSO_CLIENT_ID && config.TEAMS_SSO_TENANT_ID
    ? createTeamsSsoVerifier({
        clientId: config.TEAMS_SSO_CLIENT_ID,
        tenantId: config.TEAMS_SSO_TENANT_ID,
        jwksUrl: config.TEAMS_SSO_JWKS_URL,
        supervisorGroups: config.TEAMS_SUPERVISOR_GROUPS ?? [],
        ...(config.PUBLIC_URL ? { hostname: new URL(config.PUBLIC_URL).hostname } : {}),
      })
    : undefined;
  const refused = (reason: string) => log.warn('agent-sso-refused', { reason });
  if (config.AGENT_TOKENS || config.NODE_ENV === 'production') {
    const auth = new AgentAuth(config.AGENT_TOKENS ?? [], sso, refused);
    if (!auth.enabled) log.warn('agent-console-off', { hint: 'set AGENT_TOKENS (name:token,…) or TEAMS_SSO_CLIENT_ID and TEAMS_SSO_TENANT_ID' });
    return { auth };
  }
  const devToken = randomBytes(24).toString('base64url');
  return { auth: new AgentAuth([{ name: 'Support agent', token: devToken }], sso, refused), devToken };
}
