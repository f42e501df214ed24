import { createHash } from 'node:crypto';
import type { AgentToken } from '../config/config';
import { sanitizeAgentName } from '../handoff/agent-name';
import type { Agent } from '../handoff/handoff-queue';
import type { SsoResult } from './teams-sso';

/** What a signed-in person may do: every agent works chats; a supervisor also sees the team and moves chats (supervisor-routes.ts). */
export type AgentRole = 'agent' | 'supervisor';

export type SignIn = { ok: true; agent: Agent; via: 'token' | 'teams'; role: AgentRole } | { ok: false };

/** A transfer's target: one agent, or why not (several share the name given: their ids are listed). */
export type Found = { ok: true; agent: Agent } | { ok: false; status: 'unknown' } | { ok: false; status: 'ambiguous'; candidates: Agent[] };

/**
 * Who an agent is, from the Bearer token they send: one of AGENT_TOKENS, or a Teams SSO token the
 * verifier accepts. Nothing else gets in — a customer's Direct Line token is neither. Tokens are
 * compared by their SHA-256, so the lookup's timing says nothing about a token's characters.
 */
export class AgentAuth {
  private readonly byHash = new Map<string, { agent: Agent; role: AgentRole }>();
  /** By id: two agents may share a name (a token agent and a Teams user both called Ana), never an id. */
  private readonly known = new Map<string, Agent>();

  constructor(tokens: readonly AgentToken[], private readonly sso?: (token: string) => Promise<SsoResult>, private readonly onRefused: (reason: string) => void = () => undefined) {
    for (const { name, token, role } of tokens) {
      // The id keeps the configured name (stored requests name agents by it); what people see is sanitised.
      const agent = { id: `token:${name}`, name: sanitizeAgentName(name) };
      this.byHash.set(hash(token), { agent, role: role ?? 'agent' });
      this.known.set(agent.id, agent);
    }
  }

  /** True when at least one way of signing in is configured. */
  get enabled(): boolean {
    return this.byHash.size > 0 || this.sso !== undefined;
  }

  async signIn(token: string): Promise<SignIn> {
    if (!token) return { ok: false };
    const byToken = this.byHash.get(hash(token));
    if (byToken) return { ok: true, agent: byToken.agent, via: 'token', role: byToken.role };
    if (!this.sso) return { ok: false };
    const result = await this.sso(token);
    if (!result.ok) {
      this.onRefused(result.reason);
      return { ok: false };
    }
    // A display name from Entra ID is whatever the user or an admin typed: sanitised before anyone sees it.
    const agent = { id: result.agent.id, name: sanitizeAgentName(result.agent.name) };
    // Teams agents become known as they sign in, so colleagues can transfer to them.
    this.known.set(agent.id, agent);
    // The role is read from each token, so a change of group membership counts at the next sign-in.
    return { ok: true, agent, via: 'teams', role: result.supervisor ? 'supervisor' : 'agent' };
  }

  /** The agents a conversation may be transferred to: every token agent and each Teams agent who has signed in. */
  agents(): Agent[] {
    return [...this.known.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  /**
   * A transfer's target by id. A name is accepted only while exactly one agent has it (in any
   * case): two agents called Ana make "Ana" ambiguous, and the caller must pick an id.
   */
  find(idOrName: string): Found {
    const wanted = idOrName.trim();
    const byId = this.known.get(wanted);
    if (byId) return { ok: true, agent: byId };
    const named = this.agents().filter((agent) => agent.name.toLowerCase() === wanted.toLowerCase());
    if (named.length === 1) return { ok: true, agent: named[0]! };
    return named.length === 0 ? { ok: false, status: 'unknown' } : { ok: false, status: 'ambiguous', candidates: named };
  }
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The token of an `Authorization: Bearer …` header, or ''. */
export function bearerOf(header: string | undefined): string {
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? '';
}
