import { createHash } from 'node:crypto';
import type { AgentToken } from '../config/config';
import type { Agent } from '../handoff/handoff-queue';
import type { SsoResult } from './teams-sso';

export type SignIn = { ok: true; agent: Agent; via: 'token' | 'teams' } | { ok: false };

/**
 * Who an agent is, from the Bearer token they send: one of AGENT_TOKENS, or a Teams SSO token the
 * verifier accepts. Nothing else gets in — a customer's Direct Line token is neither. Tokens are
 * compared by their SHA-256, so the lookup's timing says nothing about a token's characters.
 */
export class AgentAuth {
  private readonly byHash = new Map<string, Agent>();
  private readonly known = new Map<string, Agent>();

  constructor(tokens: readonly AgentToken[], private readonly sso?: (token: string) => Promise<SsoResult>, private readonly onRefused: (reason: string) => void = () => undefined) {
    for (const { name, token } of tokens) {
      const agent = { id: `token:${name}`, name };
      this.byHash.set(hash(token), agent);
      this.known.set(name.toLowerCase(), agent);
    }
  }

  /** True when at least one way of signing in is configured. */
  get enabled(): boolean {
    return this.byHash.size > 0 || this.sso !== undefined;
  }

  async signIn(token: string): Promise<SignIn> {
    if (!token) return { ok: false };
    const byToken = this.byHash.get(hash(token));
    if (byToken) return { ok: true, agent: byToken, via: 'token' };
    if (!this.sso) return { ok: false };
    const result = await this.sso(token);
    if (!result.ok) {
      this.onRefused(result.reason);
      return { ok: false };
    }
    // Teams agents become known as they sign in, so colleagues can transfer to them by name.
    this.known.set(result.agent.name.toLowerCase(), result.agent);
    return { ok: true, agent: result.agent, via: 'teams' };
  }

  /** An agent by name (any case), for transfers. */
  find(name: string): Agent | undefined {
    return this.known.get(name.trim().toLowerCase());
  }
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The token of an `Authorization: Bearer …` header, or ''. */
export function bearerOf(header: string | undefined): string {
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? '';
}
