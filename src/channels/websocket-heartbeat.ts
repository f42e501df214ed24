import type { WebSocket, WebSocketServer } from 'ws';

/** How often every open socket is pinged. */
export const HEARTBEAT_MS = 30_000;

export interface Heartbeat {
  /** Counts a new socket as alive, and alive again whenever it answers a ping. */
  watch(ws: WebSocket): void;
  stop(): void;
}

/**
 * A dropped network never closes a socket on its own: every interval each socket is pinged, and
 * one that didn't answer the previous ping is terminated, so its listeners and memory go with it.
 */
export function startHeartbeat(wss: WebSocketServer, intervalMs = HEARTBEAT_MS): Heartbeat {
  const alive = new WeakSet<WebSocket>();
  const timer = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, intervalMs);
  timer.unref();
  return {
    watch(ws) {
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
    },
    stop: () => clearInterval(timer),
  };
}
