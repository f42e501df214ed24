import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../../core/logger';
import { activitySet, type DirectLineStore } from './conversation-store';
import type { TokenService } from './token-service';
import { startHeartbeat } from '../websocket-heartbeat';

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/;

/**
 * The Direct Line WebSocket stream: each socket gets the conversation's activities after its
 * watermark, then every new one, as `{activities, watermark}` sets — the shape the official clients
 * read. A socket that stops answering pings is closed.
 */
export function createDirectLineStream(store: DirectLineStore, tokens: TokenService, log: Logger): { upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean; close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const sockets = new Map<string, Set<WebSocket>>();
  const heartbeat = startHeartbeat(wss);
  /** The watermark each socket has been sent up to. */
  const sent = new WeakMap<WebSocket, number>();

  /** Takes the upgrade if it is for a conversation's stream; false leaves it to others. */
  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) return false;
    accept(req, socket, head, url, decodeURIComponent(match[1]!)).catch((err: unknown) => {
      log.error('directline-stream-failed', { reason: err instanceof Error ? err.message : String(err) });
      refuse(socket, 500, 'Internal Server Error');
    });
    return true;
  };

  const accept = async (req: IncomingMessage, socket: Duplex, head: Buffer, url: URL, id: string): Promise<void> => {
    const token = url.searchParams.get('t') ?? /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const checked = tokens.check(token);
    if (!checked.ok) return refuse(socket, checked.reason === 'expired' ? 403 : 401, 'Unauthorized');
    if (checked.claims.conversationId !== id) return refuse(socket, 403, 'Forbidden');
    if (!(await store.get(id))) return refuse(socket, 404, 'Not Found');
    const from = Number(url.searchParams.get('watermark') ?? 0) || 0;
    wss.handleUpgrade(req, socket, head, (ws) => {
      const set = sockets.get(id) ?? new Set<WebSocket>();
      sockets.set(id, set);
      set.add(ws);
      sent.set(ws, from);
      heartbeat.watch(ws);
      ws.on('close', () => set.delete(ws));
      ws.on('error', () => set.delete(ws));
      // Listening first, then reading the backlog: whatever lands in between comes by either path,
      // and the watermark kept per socket sends each activity once.
      void store.since(id, from).then(
        (backlog) => forward(ws, id, backlog.activities, backlog.watermark, true),
        (err: unknown) => {
          log.error('directline-stream-backlog-failed', { reason: err instanceof Error ? err.message : String(err) });
          ws.close(1011, 'backlog unavailable');
        },
      );
    });
  };

  /**
   * Sends the part of `activities` (ending at `watermark`) this socket hasn't had yet. `fromStore`:
   * everything the store still keeps after the socket's watermark, so no gap is worth filling.
   */
  const forward = (ws: WebSocket, id: string, activities: readonly string[], watermark: number, fromStore = false): void => {
    const had = sent.get(ws) ?? 0;
    if (!fromStore && watermark - activities.length > had) {
      // A gap (the backlog is still on its way): read everything after what the socket has.
      void store.since(id, had).then((all) => forward(ws, id, all.activities, all.watermark, true), () => ws.close(1011, 'backlog unavailable'));
      return;
    }
    const fresh = activities.slice(Math.max(0, activities.length - Math.max(0, watermark - had)));
    if (fresh.length === 0 || ws.readyState !== ws.OPEN) return;
    sent.set(ws, watermark);
    ws.send(activitySet(fresh, watermark));
  };

  const unlisten = store.listen((id, activities, watermark) => {
    for (const ws of sockets.get(id) ?? []) forward(ws, id, activities, watermark);
  });


  return {
    upgrade,
    close() {
      heartbeat.stop();
      unlisten();
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
      wss.close();
      log.info('directline-stream-closed');
    },
  };
}

export function refuse(socket: Duplex, status: number, text: string): void {
  socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}
