import { z } from 'zod';

/** An absolute http(s) URL; only https outside localhost, so links never downgrade. */
const BaseUrl = z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }).refine(
  (url) => url.startsWith('https://') || /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(`${url}/`),
  'must use https (http only for localhost)',
);

/**
 * Everything giftbot reads from the environment, parsed once at start-up. Bad values stop start-up
 * with a message naming the variable. Defaults are the embedded setup: no cloud, no secrets.
 */
export const ConfigSchema = z.object({
  KNOWLEDGE_DIR: z.string().min(1).default('knowledge'),
  DIALOGS_DIR: z.string().min(1).default('dialogs'),
  /** Where "sell it" links go. The default is a reserved example domain: set the real one. */
  SELL_URL: BaseUrl.default('https://marketplace.example/sell'),
  SWAP_URL: BaseUrl.default('https://marketplace.example/swap'),
  /** The largest card balance the sell/swap flow accepts, in the marketplace's currency. */
  MAX_AMOUNT: z.coerce.number().positive('must be a positive number').max(100_000).default(2000),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Reads config from an environment; empty variables count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
