import type { Backend } from './backend';

/** How long /readyz waits for storage: well under a load balancer's probe timeout (usually 1–5 s). */
export const PROBE_TIMEOUT_MS = 1000;

/** What one look at storage found. `reason` is for the log only: it may name a host, never shown to a client. */
export type StorageProbe = { state: 'ok' } | { state: 'unreachable' | 'timeout'; reason: string };

/**
 * One round trip to storage (Backend.ping), given at most `timeoutMs`: a Redis that hangs (a frozen
 * process, a black-holed network) would otherwise keep the probe waiting for the client's own,
 * longer command timeout. Never rejects.
 */
export async function probeStorage(backend: Pick<Backend, 'ping'>, timeoutMs = PROBE_TIMEOUT_MS): Promise<StorageProbe> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<StorageProbe>((resolve) => {
    timer = setTimeout(() => resolve({ state: 'timeout', reason: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  const pinged = backend.ping().then(
    (): StorageProbe => ({ state: 'ok' }),
    (err: unknown): StorageProbe => ({ state: 'unreachable', reason: err instanceof Error ? err.message : String(err) }),
  );
  try {
    return await Promise.race([pinged, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
