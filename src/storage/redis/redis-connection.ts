import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../../core/logger';
import { StorageUnavailableError } from '../../core/storage-unavailable-error';
import type { LuaScript } from './redis-lua-script';

/** Every key and channel giftbot uses starts with this, so one Redis can hold other things too. */
export const DEFAULT_KEY_PREFIX = 'giftbot:';

/**
 * Redis could not be reached (down, restarting, network gone). Commands fail with this at once
 * instead of queueing, so a turn fails visibly and the caller decides; the clients keep
 * reconnecting in the background.
 */
export class RedisUnavailableError extends StorageUnavailableError {
  readonly code = 'unavailable';

  constructor(operation: string, cause: unknown) {
    super(`Redis is unavailable (${operation}): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export function isRedisUnavailable(err: unknown): err is RedisUnavailableError {
  return err instanceof RedisUnavailableError;
}

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

const CONNECTION_MESSAGES = [/Stream isn't writeable/i, /Connection is closed/i, /max retries per request/i, /Command timed out/i, /^LOADING\b/, /^MASTERDOWN\b/];
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** Whether an ioredis failure means "Redis can't be reached" (as opposed to a bad command or script). */
export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as NodeJS.ErrnoException).code;
  return (code !== undefined && CONNECTION_CODES.has(code)) || CONNECTION_MESSAGES.some((pattern) => pattern.test(err.message));
}

type MessageHandler = (message: string) => void;

/** Resolves when `promise` does or `ms` have passed, whichever is first; leaves no timer behind. */
function within(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The one subscriber connection, shared: channels are subscribed while someone listens, and
 * messages fan out to the local handlers. ioredis subscribes again by itself after a reconnect;
 * a SUBSCRIBE that failed because Redis was down is retried here once the connection is back.
 */
export class Subscriptions {
  private readonly handlers = new Map<string, Set<MessageHandler>>();
  /** Channels Redis confirmed; differs from `handlers` only around failures. */
  private readonly confirmed = new Set<string>();
  /** SUBSCRIBE and UNSUBSCRIBE, in the order they were asked for. */
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: Redis,
    private readonly publish: (channel: string, message: string) => Promise<unknown>,
    private readonly settleChannel: string,
    private readonly log: Logger,
  ) {
    client.on('message', (channel: string, message: string) => this.deliver(channel, message));
    client.on('ready', () => this.reconcile());
  }

  subscribe(channel: string, handler: MessageHandler): () => void {
    let handlers = this.handlers.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.handlers.set(channel, handlers);
      this.enqueue(channel, 'subscribe');
    }
    handlers.add(handler);
    const own = handlers;
    return () => {
      own.delete(handler);
      if (own.size > 0 || this.handlers.get(channel) !== own) return;
      this.handlers.delete(channel);
      this.enqueue(channel, 'unsubscribe');
    };
  }

  /** Resolves once every SUBSCRIBE/UNSUBSCRIBE asked for so far has been answered (or failed). */
  ready(): Promise<void> {
    return this.pending;
  }

  /**
   * Resolves once every message published before the call has reached the local handlers: a
   * marker published now arrives after them, since Redis delivers to one connection in order.
   * The marker is published again until it arrives, in case the subscriber was still reconnecting
   * when it went out. Rejects with RedisUnavailableError while Redis can't be reached.
   */
  async settle(): Promise<void> {
    const token = randomUUID();
    let heard = false;
    let arrive: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const stop = this.subscribe(this.settleChannel, (message) => {
      if (message !== token) return;
      heard = true;
      arrive();
    });
    try {
      await this.ready();
      for (let attempt = 0; !heard; attempt++) {
        await this.publish(this.settleChannel, token);
        await within(arrived, Math.min(50 * 2 ** attempt, 1000));
      }
    } finally {
      stop();
    }
  }

  private deliver(channel: string, message: string): void {
    for (const handler of this.handlers.get(channel) ?? []) {
      try {
        handler(message);
      } catch (err) {
        this.log.error('redis-subscriber-failed', { channel, reason: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  private enqueue(channel: string, action: 'subscribe' | 'unsubscribe'): void {
    this.pending = this.pending.then(() => (action === 'subscribe' ? this.subscribeIfWanted(channel) : this.unsubscribeIfUnwanted(channel)));
  }

  // Both check again when their turn comes: a subscribe may have been overtaken by an unsubscribe.
  private async subscribeIfWanted(channel: string): Promise<void> {
    if (!this.handlers.has(channel) || this.confirmed.has(channel)) return;
    try {
      await this.client.subscribe(channel);
      this.confirmed.add(channel);
    } catch (err) {
      this.deferred(channel, 'subscribe', err);
    }
  }

  private async unsubscribeIfUnwanted(channel: string): Promise<void> {
    if (this.handlers.has(channel) || !this.confirmed.has(channel)) return;
    try {
      await this.client.unsubscribe(channel);
      this.confirmed.delete(channel);
    } catch (err) {
      this.deferred(channel, 'unsubscribe', err);
    }
  }

  /** Redis is down: `reconcile` does it when the connection is back. */
  private deferred(channel: string, action: string, err: unknown): void {
    this.log.warn('redis-subscribe-deferred', { channel, action, reason: err instanceof Error ? err.message : String(err) });
  }

  /** After a (re)connect: subscribe what failed while Redis was down, drop what is no longer wanted. */
  private reconcile(): void {
    for (const channel of this.handlers.keys()) if (!this.confirmed.has(channel)) this.enqueue(channel, 'subscribe');
    for (const channel of this.confirmed) if (!this.handlers.has(channel)) this.enqueue(channel, 'unsubscribe');
  }
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
  const failed = results.find(([err]) => err !== null);
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
