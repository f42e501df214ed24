import WebSocket from 'ws';
import { eventually } from './server';

// any: tests read whatever JSON the server sent.
type Json = any;

export interface AgentClient {
  api(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: Json }>;
  /** Every frame the stream has sent, in order. */
  frames: Json[];
  /** Waits for a frame (after `from`) matching `test`. */
  frame(test: (frame: Json) => boolean, what: string, from?: number): Promise<Json>;
  send(frame: unknown): void;
  close(): Promise<void>;
}

/** A support agent on the real agent API and its WebSocket, signed in with `token`. */
export async function agentClient(baseUrl: string, token: string): Promise<AgentClient> {
  const frames: Json[] = [];
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/agent/stream`);
  // Text frames arrive as one Buffer (binaryType is left at its default, 'nodebuffer').
  ws.on('message', (data) => frames.push(JSON.parse((data as Buffer).toString('utf8'))));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ type: 'auth', token }));
  const client: AgentClient = {
    async api(method, path, body) {
      const res = await fetch(`${baseUrl}/api/agent${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    frames,
    frame: (test, what, from = 0) => eventually(() => frames.slice(from).find(test), 8000, what),
    send: (frame) => ws.send(JSON.stringify(frame)),
    close: () =>
      new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
  await client.frame((f) => f.type === 'ready', 'ready');
  return client;
}
