import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../../core/logger';
import { isConnectionError, RedisUnavailableError } from './redis-errors';
import type { LuaScript } from './redis-lua-script';
import { Subscriptions } from './redis-subscriptions';

/** Every key and channel giftbot uses starts with this, so one Redis can hold other things too. */
export const DEFAULT_KEY_PREFIX = 'giftbot:';

/** Reconnect backoff: 50 ms, doubling, never more than this, forever. */
const MAX_RECONNECT_DELAY_MS = 2000;
/** A connect that hangs (a black-holed host) counts as failed after this. */
const CONNECT_TIMEOUT_MS = 5000;
/** A command with no reply after this fails, rather than waiting on a half-open connection. */
const COMMAND_TIMEOUT_MS = 5000;
/** During a long outage, log one reconnect attempt in this many (about once a minute at the cap). */
const LOG_EVERY_ATTEMPTS = 30;

export function reconnectDelay(attempt: number): number {
  return Math.min(50 * 2 ** Math.max(0, attempt - 1), MAX_RECONNECT_DELAY_MS);
}

function clientOptions(name: string): RedisOptions {
  return {
    connectionName: name,
    lazyConnect: true,
    // Fail fast: with no offline queue, a command sent while disconnected rejects at once; one retry
    // lets a command caught by a brief blip be resent after the reconnect, then it fails. (A resent
    // write whose first reply was lost may apply twice: rare, and no worse than the caller retrying.)
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: reconnectDelay,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    // TCP keep-alive notices a peer that vanished without closing the connection.
    keepAlive: 10_000,
    // disconnect() (used only when the connection isn't up) arms a timer to destroy a socket that
    // won't end; on an already-closed socket it just runs out, holding the process open meanwhile.
    disconnectTimeout: 200,
  };
}

/** What may be logged of a Redis URL: never the user name or password. */
export function describeUrl(url: string): { host: string; port: string; db: string; tls: boolean } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: parsed.port || '6379', db: parsed.pathname.slice(1) || '0', tls: parsed.protocol === 'rediss:' };
}

export interface RedisConnectionOptions {
  url: string;
  log: Logger;
  /** Starts every key and channel name; a fresh one per test keeps tests apart. */
  prefix?: string;
}

/**
 * The two clients giftbot needs: one for commands, one in subscriber mode (a connection that has
 * subscribed can't run other commands). Commands go through `run`, which turns connection failures
 * into RedisUnavailableError.
 */
export class RedisConnection {
  readonly subscriptions: Subscriptions;
  /** What waits for the command client to be ready again, by who asked (see whenReady). */
  private readonly waiting = new Map<object, () => void>();

  private constructor(
    readonly commands: Redis,
    readonly subscriber: Redis,
    readonly prefix: string,
    log: Logger,
  ) {
    this.subscriptions = new Subscriptions(subscriber, (channel, message) => this.run('publish', (redis) => redis.publish(channel, message)), this.key('settle'), log);
  }

  /** Connects both clients; rejects with RedisUnavailableError if Redis can't be reached now. */
  static async open(options: RedisConnectionOptions): Promise<RedisConnection> {
    const prefix = options.prefix ?? DEFAULT_KEY_PREFIX;
    const commands = watchedClient(options.url, 'giftbot', options.log);
    const subscriber = watchedClient(options.url, 'giftbot-subscriber', options.log);
    try {
      await Promise.all([commands.connect(), subscriber.connect()]);
    } catch (err) {
      commands.disconnect();
      subscriber.disconnect();
      throw new RedisUnavailableError('connect', err);
    }
    return new RedisConnection(commands, subscriber, prefix, options.log);
  }

  /**
   * Runs `task` once the command client is next ready — Redis back after an outage — the one place
   * that waits for it (a store frees what an outage left held). One task waits per `owner`: asking
   * again while it waits adds nothing.
   */
  whenReady(owner: object, task: () => void): void {
    if (this.waiting.has(owner)) return;
    this.waiting.set(owner, task);
    if (this.waiting.size > 1) return;
    this.commands.once('ready', () => {
      const tasks = [...this.waiting.values()];
      this.waiting.clear();
      for (const run of tasks) run();
    });
  }

  /** A key (or channel) name: the prefix, then the parts joined by ':'. */
  key(...parts: string[]): string {
    return `${this.prefix}${parts.join(':')}`;
  }

  /** Runs commands on the command client; a connection failure becomes RedisUnavailableError. */
  async run<T>(operation: string, command: (redis: Redis) => Promise<T>): Promise<T> {
    try {
      return await command(this.commands);
    } catch (err) {
      throw isConnectionError(err) ? new RedisUnavailableError(operation, err) : err;
    }
  }

  /** Runs a Lua script (see `run`). */
  script(script: LuaScript, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
    return this.run(script.name, (redis) => script.eval(redis, keys, args));
  }

  async close(): Promise<void> {
    await Promise.all([quit(this.commands), quit(this.subscriber)]);
  }
}

/** QUIT when connected (pending replies arrive first); otherwise just stop reconnecting. */
async function quit(client: Redis): Promise<void> {
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}

/** A client that logs its connection's life without secrets, and never leaves an 'error' unhandled. */
function watchedClient(url: string, name: string, log: Logger): Redis {
  const client = new Redis(url, clientOptions(name));
  const where = { client: name, ...describeUrl(url) };
  // During an outage every reconnect attempt fails with an error and a close: log the first of
  // each, then one attempt in LOG_EVERY_ATTEMPTS, not a line every two seconds.
  let ready = false;
  let attempts = 0;
  client.on('ready', () => {
    ready = true;
    attempts = 0;
    log.info('redis-connected', where);
  });
  client.on('error', (err: Error) => {
    if (attempts <= 1) log.warn('redis-error', { ...where, reason: err.message });
  });
  client.on('close', () => {
    if (ready) log.info('redis-connection-closed', where);
    ready = false;
  });
  client.on('reconnecting', (delayMs: number) => {
    attempts++;
    if (attempts === 1 || attempts % LOG_EVERY_ATTEMPTS === 0) log.info('redis-reconnecting', { ...where, attempt: attempts, delayMs });
  });
  client.on('end', () => log.info('redis-closed', where));
  return client;
}

/** A MULTI's replies: null (aborted) or a failed command becomes an error, as a plain command would. */
export async function execOrThrow(replies: Promise<Array<[Error | null, unknown]> | null>): Promise<void> {
  const results = await replies;
  if (results === null) throw new Error('Redis transaction aborted');
  const failed = results.find((reply): reply is [Error, unknown] => reply[0] !== null);
  if (failed) throw failed[0];
}

/** JSON.parse that yields undefined for text that isn't JSON (the schema then reports it). */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Every key matching `pattern`, SCAN by SCAN (never KEYS, which blocks Redis on a big keyspace). */
export async function scanAll(redis: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}
