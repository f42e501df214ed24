import type { RequestHandler } from 'express';
import type { Logger } from '../core/logger';
import type { Backend } from '../storage/backend';
import { probeStorage, PROBE_TIMEOUT_MS, type StorageProbe } from '../storage/storage-probe';

export interface ReadinessOptions {
  backend: Pick<Backend, 'ping' | 'kind'>;
  /** How many brands the knowledge base has; undefined when the bot in use reads none (the echo bot of bench:http). */
  brands: (() => number) | undefined;
  /** Whether the server is listening and not stopping. */
  serving: () => boolean;
  log: Logger;
  timeoutMs?: number;
}

/** What each check says in the body: fixed words, never an error message (it could name a host). */
type CheckState = 'ok' | 'unreachable' | 'timeout' | 'empty' | 'not used' | 'stopping';

/**
 * GET /readyz: 200 only when this instance can serve a customer now — storage answers a real round
 * trip (SQLite query, Redis PING) within the time limit and the knowledge base is loaded — and 503
 * with `notReady` naming what isn't, so a load balancer sends traffic elsewhere until it is. /healthz
 * stays liveness (the process answers), so an orchestrator doesn't restart an instance whose Redis
 * is away. Probes that arrive together share one round trip. The log says when readiness changes,
 * with the reason; the body never carries it.
 */
export function readiness(options: ReadinessOptions): RequestHandler {
  const { backend, log } = options;
  let inFlight: Promise<StorageProbe> | undefined;
  let wasReady: boolean | undefined;
  return async (_req, res) => {
    inFlight ??= probeStorage(backend, options.timeoutMs ?? PROBE_TIMEOUT_MS).finally(() => (inFlight = undefined));
    const storage = await inFlight;
    const brands = options.brands?.();
    const checks: Record<string, CheckState> = {
      server: options.serving() ? 'ok' : 'stopping',
      storage: storage.state,
      knowledge: brands === undefined ? 'not used' : brands > 0 ? 'ok' : 'empty',
    };
    const notReady = Object.entries(checks).filter(([, state]) => state !== 'ok' && state !== 'not used').map(([name]) => name);
    const ready = notReady.length === 0;
    if (ready !== wasReady) {
      const fields = { storage: backend.kind, checks, ...(storage.state === 'ok' ? {} : { reason: storage.reason }) };
      if (ready) log.info('ready', { ...fields, msg: 'ready: storage answers and knowledge is loaded' });
      else log.warn('not-ready', { ...fields, msg: `not ready: ${notReady.join(', ')}` });
      wasReady = ready;
    }
    res.set('Cache-Control', 'no-store');
    res.status(ready ? 200 : 503).json(ready ? { status: 'ready', checks, ...(brands === undefined ? {} : { brands }) } : { status: 'not-ready', notReady, checks });
  };
}
