import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../../app/logger';
import { activitySet, type ConversationStore } from './conversation-store';
import type { TokenService } from './token-service';

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/;
const KEEPALIVE_MS = 30_000;

/**
 * The Direct Line WebSocket stream: each socket gets the conversation's activities after its
 * watermark, then every new one, as `{activities, watermark}` sets — the shape the official clients
 * read. A socket that stops answering pings is closed.
 */
export function createDirectLineStream(store: ConversationStore, tokens: TokenService, log: Logger): { upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean; close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const sockets = new Map<string, Set<WebSocket>>();
  const alive = new WeakSet<WebSocket>();

  /** Takes the upgrade if it is for a conversation's stream; false leaves it to others. */
  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) return false;
    accept(req, socket, head, url, decodeURIComponent(match[1]!));
    return true;
  };

  const accept = (req: IncomingMessage, socket: Duplex, head: Buffer, url: URL, id: string): void => {
    const token = url.searchParams.get('t') ?? /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const checked = tokens.check(token);
    if (!checked.ok) return refuse(socket, checked.reason === 'expired' ? 403 : 401, 'Unauthorized');
    if (checked.claims.conversationId !== id) return refuse(socket, 403, 'Forbidden');
    const conversation = store.get(id);
    if (!conversation) return refuse(socket, 404, 'Not Found');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const set = sockets.get(id) ?? new Set<WebSocket>();
      sockets.set(id, set);
      set.add(ws);
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      ws.on('close', () => set.delete(ws));
      ws.on('error', () => set.delete(ws));
      const backlog = store.since(conversation, Number(url.searchParams.get('watermark') ?? 0) || 0);
      if (backlog.activities.length > 0) ws.send(activitySet(backlog.activities, backlog.watermark));
    });
  };

  const unlisten = store.listen((id, activities, watermark) => {
    const listeners = sockets.get(id);
    if (!listeners?.size) return;
    const message = activitySet(activities, watermark);
    for (const ws of listeners) if (ws.readyState === ws.OPEN) ws.send(message);
  });

  const timer = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, KEEPALIVE_MS);
  timer.unref();

  return {
    upgrade,
    close() {
      clearInterval(timer);
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
