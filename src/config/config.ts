import { z } from 'zod';
import { LOG_LEVELS } from '../core/logger';
import { AllowedOriginsSchema } from './allowed-origins';
import { parseSupportHours, TimeZoneSchema } from '../handoff/support-hours';
import { DEFAULT_HANDOFF_QUEUE_MAX, LIMIT_DEFAULTS } from '../limits/limit-defaults';
import { LimitSpecSchema } from '../limits/limit-spec';
import { ServiceUrlAllowListSchema } from '../limits/service-url-policy';
import { TrustProxySchema } from '../limits/trust-proxy';
import { DEFAULT_MAX_MESSAGE_LENGTH } from '../safety/cut-text';

/** An absolute http(s) URL; only https outside localhost, so links never downgrade. */
const BaseUrl = z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }).refine(
  (url) => url.startsWith('https://') || /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(`${url}/`),
  'must use https (http only for localhost)',
);
const Guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');

/** Channels whose customers' clients write activities themselves (lower case). */
const CUSTOMER_CHANNELS = ['directline', 'webchat', 'msteams', 'slack', 'emulator'];

/** One support agent who signs in with a token. */
export interface AgentToken {
  name: string;
  token: string;
  /** Set only for `name:token:supervisor` entries; absent, the entry is an agent. */
  role?: 'supervisor';
}

/** What may follow a token after its last colon: a role word (`agent` is the default, and says a colon belongs to the token). */
const ROLES = ['agent', 'supervisor'] as const;

/**
 * `token` or `token:role`. The role is read after the LAST colon, and only when that part is a plain
 * word: a token may hold colons itself, and one whose last part is letters only is written `…:agent`.
 */
function splitRole(rest: string): { token: string; role: (typeof ROLES)[number] } | 'bad-role' {
  const colon = rest.lastIndexOf(':');
  const last = colon >= 0 ? rest.slice(colon + 1).trim() : '';
  if (colon < 0 || !/^[A-Za-z]{1,20}$/.test(last)) return { token: rest, role: 'agent' };
  const role = ROLES.find((r) => r === last.toLowerCase());
  return role ? { token: rest.slice(0, colon).trim(), role } : 'bad-role';
}

/** "Alice:token1,Bob Smith:token2,Sam:token3:supervisor" — each token at least 16 characters, names and tokens unique. */
const AgentTokensSchema = z.string().transform((value, ctx): AgentToken[] => {
  const agents: AgentToken[] = [];
  for (const [index, pair] of value.split(',').map((p) => p.trim()).filter(Boolean).entries()) {
    const colon = pair.indexOf(':');
    const name = colon > 0 ? pair.slice(0, colon).trim() : '';
    const split = colon > 0 ? splitRole(pair.slice(colon + 1).trim()) : { token: '', role: 'agent' as const };
    const token = split === 'bad-role' ? '' : split.token;
    // Never quote the pair: without its colon or name, it may be all token.
    if (name && split === 'bad-role') ctx.addIssue({ code: 'custom', message: `the entry of ${name} ends in an unknown role: only supervisor (or agent) may follow the token; if that colon is part of the token, end the entry with :agent` });
    else if (!name || !token) ctx.addIssue({ code: 'custom', message: `entry ${index + 1} must be name:token or name:token:supervisor` });
    else if (token.length < 16) ctx.addIssue({ code: 'custom', message: `the token of ${name} must be at least 16 characters` });
    // Transfers find agents by name in any case, so names must differ in more than case.
    else if (agents.some((a) => a.name.toLowerCase() === name.toLowerCase())) ctx.addIssue({ code: 'custom', message: `${name} is listed twice` });
    else if (agents.some((a) => a.token === token)) ctx.addIssue({ code: 'custom', message: `${name} shares a token with another agent` });
    else agents.push(split !== 'bad-role' && split.role === 'supervisor' ? { name, token, role: 'supervisor' } : { name, token });
  }
  if (agents.length === 0 && ctx.issues.length === 0) ctx.addIssue({ code: 'custom', message: 'must list at least one name:token pair' });
  return agents;
});

/**
 * Everything giftbot reads from the environment, parsed once at start-up. Bad values stop start-up
 * with a message naming the variable. Defaults are the embedded setup: no cloud, no secrets.
 * Every variable is documented in .env.example.
 */
export const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    /** Log lines below this level are not written: debug (also the access lines of /healthz, /readyz and /metrics polls), info, warn, error, silent. */
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    /** Where giftbot keeps its data (conversations, transcripts, the handoff queue). */
    DATA_DIR: z.string().min(1).default('data'),
    KNOWLEDGE_DIR: z.string().min(1).default('knowledge'),
    DIALOGS_DIR: z.string().min(1).default('dialogs'),
    /** The team's macros (macros.json) and End's reasons and suggested tags (wrap-up.json). */
    MACROS_DIR: z.string().min(1).default('macros'),
    /** The address people reach giftbot at (for stream URLs behind a proxy, the Teams manifest). */
    PUBLIC_URL: BaseUrl.optional(),
    /** Other sites that may run the widget against giftbot (CORS on /v3/directline), comma-separated origins. Unset: same origin only. */
    ALLOWED_ORIGINS: AllowedOriginsSchema.optional(),
    /** Where "sell it" links go. The default is a reserved example domain: set the real one. */
    SELL_URL: BaseUrl.default('https://marketplace.example/sell'),
    SWAP_URL: BaseUrl.default('https://marketplace.example/swap'),
    /** The largest card balance the sell/swap flow accepts, in the marketplace's currency. */
    MAX_AMOUNT: z.coerce.number().positive('must be a positive number').max(100_000).default(2000),
    /** Messages are cut to this many characters before anything reads or stores them (see src/safety/cut-text.ts). */
    MAX_MESSAGE_LENGTH: z.coerce.number().int('must be a whole number').min(100, 'must be at least 100').max(100_000, 'must be at most 100000').default(DEFAULT_MAX_MESSAGE_LENGTH),
    /** Embedded Direct Line: unset, anyone may get a token (the website widget); set, callers need it. */
    DIRECTLINE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    /** Azure Bot Service credentials for /api/messages (Teams, Slack through Azure). */
    MicrosoftAppId: Guid.optional(),
    MicrosoftAppPassword: z.string().min(1).optional(),
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MicrosoftAppTenantId: Guid.optional(),
    /** Where Bot Framework token signing keys are published; override only to test with local keys. */
    BOT_OPENID_METADATA_URL: z.url().optional(),
    /** Slack directly (no Azure): all three, or none. */
    SLACK_SIGNING_SECRET: z.string().min(1).optional(),
    SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'must be a bot token (xoxb-…)').optional(),
    SLACK_BOT_USER_ID: z.string().regex(/^[UW][A-Z0-9]+$/, 'must be a Slack user id like U0123ABC').optional(),
    /** Where Slack's Web API is (ending in /api/); override only to test with a local stand-in. */
    SLACK_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    /** Where giftbot keeps everything: SQLite in DATA_DIR (survives restarts), or memory (nothing survives). */
    STORAGE: z.enum(['sqlite', 'memory']).default('sqlite'),
    /** Several instances: state, queue, Direct Line conversations and the live relay go through this Redis. */
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
    /** Transcripts older than this many days are deleted. */
    TRANSCRIPT_DAYS: z.coerce.number().int().min(1, 'must be at least 1').max(3650).default(30),
    /** Per-client limits, "N/S" (at most N in S seconds) or "off"; shared through REDIS_URL when set. See src/limits/. */
    RATE_LIMIT_TOKENS_PER_IP: LimitSpecSchema.default(LIMIT_DEFAULTS['tokens-per-ip']),
    RATE_LIMIT_CONVERSATIONS_PER_IP: LimitSpecSchema.default(LIMIT_DEFAULTS['conversations-per-ip']),
    RATE_LIMIT_POSTS_PER_IP: LimitSpecSchema.default(LIMIT_DEFAULTS['posts-per-ip']),
    RATE_LIMIT_POSTS_PER_CONVERSATION: LimitSpecSchema.default(LIMIT_DEFAULTS['posts-per-conversation']),
    RATE_LIMIT_OVERALL: LimitSpecSchema.default(LIMIT_DEFAULTS.overall),
    RATE_LIMIT_HANDOFFS_PER_CONVERSATION: LimitSpecSchema.default(LIMIT_DEFAULTS['handoffs-per-conversation']),
    RATE_LIMIT_HANDOFFS_PER_IP: LimitSpecSchema.default(LIMIT_DEFAULTS['handoffs-per-ip']),
    /** Requests waiting for an agent at most; past it a customer is offered to leave a message. 0: no cap. */
    HANDOFF_QUEUE_MAX: z.coerce.number().int('must be a whole number').min(0).max(1_000_000).default(DEFAULT_HANDOFF_QUEUE_MAX),
    /** Behind a reverse proxy: whose X-Forwarded-For to believe (hop count, addresses, CIDR ranges). Unset: nobody's. */
    TRUST_PROXY: TrustProxySchema.optional(),
    /** Where /api/messages may call back besides this machine (https URL prefixes, comma-separated). */
    SERVICE_URL_ALLOWLIST: ServiceUrlAllowListSchema.optional(),
    /** Support agents' console and API tokens: "name:token" pairs, comma-separated. */
    AGENT_TOKENS: AgentTokensSchema.optional(),
    /** internal: giftbot's own queue and console; external: hand over to a contact centre with handoff.initiate. */
    HANDOFF_MODE: z.enum(['internal', 'external']).default('internal'),
    /** External mode: the channel ids (as Azure Bot Service names them) of the contact centre, whose handoff.status events are honoured. */
    HANDOFF_STATUS_CHANNELS: z.string().transform((value, ctx) => {
      const channels = value.split(',').map((c) => c.trim()).filter(Boolean);
      // Customers write on these themselves: a status from there is always a forgery (issue 12).
      for (const channel of channels.filter((c) => CUSTOMER_CHANNELS.includes(c.toLowerCase()))) ctx.addIssue({ code: 'custom', message: `${channel} is a customer channel: its clients can send any event, so it can't carry handoff.status` });
      return channels;
    }).optional(),
    /** How long a request waits for an agent before the customer is offered to leave a message. */
    HANDOFF_TIMEOUT_SECONDS: z.coerce.number().int().min(1, 'must be at least 1').max(86_400, 'must be at most 86400 (a day)').default(300),
    /** auto: waiting requests go to available agents (fewest chats first); manual: agents Accept from the queue. */
    ROUTING: z.enum(['auto', 'manual']).default('auto'),
    /** Active chats routing gives an agent at most (their own Accept may go past it). */
    AGENT_CAPACITY: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(3),
    /** An available agent whose last console has closed is set offline after this long (a reload or a blip doesn't count). */
    AGENT_OFFLINE_GRACE_SECONDS: z.coerce.number().int().min(1, 'must be at least 1').max(3600, 'must be at most 3600').default(60),
    /** ROUTING=auto with no agent available: how long a request waits before the customer is offered to leave a message. */
    HANDOFF_NOBODY_TIMEOUT_SECONDS: z.coerce.number().int().min(1, 'must be at least 1').max(86_400, 'must be at most 86400 (a day)').default(60),
    /** When agents are there: "always", or windows like "Mon-Fri 09:00-17:00, Sat 10:00-14:00". */
    SUPPORT_HOURS: z.string().default('always').transform((spec, ctx) => {
      try {
        return { text: spec, windows: parseSupportHours(spec) };
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
    /** The time zone SUPPORT_HOURS are in. */
    SUPPORT_TIMEZONE: TimeZoneSchema.default('UTC'),
    /** Teams SSO for the agent tab: the Entra ID app (client) id the tab's token is issued for, and its tenant. */
    TEAMS_SSO_CLIENT_ID: Guid.optional(),
    TEAMS_SSO_TENANT_ID: Guid.optional(),
    /** Where Entra ID publishes its signing keys; override only to test with local keys. */
    TEAMS_SSO_JWKS_URL: z.url().default('https://login.microsoftonline.com/common/discovery/v2.0/keys'),
    /** Entra ID security groups (object ids, comma-separated) whose members sign in to the Teams tab as supervisors: read from the token's `groups` claim. */
    TEAMS_SUPERVISOR_GROUPS: z.string().transform((value, ctx) => {
      const ids = value.split(',').map((id) => id.trim().toLowerCase()).filter(Boolean);
      for (const id of ids.filter((id) => !Guid.safeParse(id).success)) ctx.addIssue({ code: 'custom', message: `${id} is not a group object id (a GUID)` });
      return ids;
    }).optional(),
    /** GET /metrics needs "Authorization: Bearer <this>"; unset, /metrics is open outside production and off (404) in it. */
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').regex(/^\S+$/, 'must not contain spaces').optional(),
  })
  .superRefine((config, ctx) => {
    if (config.NODE_ENV === 'production' && !(config.MicrosoftAppId && (config.MicrosoftAppPassword || config.MicrosoftAppType === 'UserAssignedMSI'))) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppId'], message: 'NODE_ENV=production needs MicrosoftAppId and MicrosoftAppPassword: /api/messages must not accept unauthenticated calls' });
    }
    if (config.MicrosoftAppId && !config.MicrosoftAppPassword && config.MicrosoftAppType !== 'UserAssignedMSI') {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is required with MicrosoftAppId' });
    }
    if (config.MicrosoftAppType === 'SingleTenant' && !config.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'is required for a SingleTenant app' });
    }
    if (Boolean(config.TEAMS_SSO_CLIENT_ID) !== Boolean(config.TEAMS_SSO_TENANT_ID)) {
      ctx.addIssue({ code: 'custom', path: ['TEAMS_SSO_CLIENT_ID'], message: 'Teams SSO needs TEAMS_SSO_CLIENT_ID and TEAMS_SSO_TENANT_ID together' });
    }
    if (config.TEAMS_SUPERVISOR_GROUPS?.length && !config.TEAMS_SSO_CLIENT_ID) {
      ctx.addIssue({ code: 'custom', path: ['TEAMS_SUPERVISOR_GROUPS'], message: 'needs Teams SSO (TEAMS_SSO_CLIENT_ID and TEAMS_SSO_TENANT_ID): the groups are read from its token' });
    }
    const slack = [config.SLACK_SIGNING_SECRET, config.SLACK_BOT_TOKEN, config.SLACK_BOT_USER_ID].filter(Boolean).length;
    if (slack !== 0 && slack !== 3) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'Slack needs SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN and SLACK_BOT_USER_ID together' });
    }
  });

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Reads config from an environment; empty variables count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const known = new Set(Object.keys(ConfigSchema.shape));
  const present = Object.fromEntries(Object.entries(env).filter(([key, value]) => known.has(key) && value !== undefined && value !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
