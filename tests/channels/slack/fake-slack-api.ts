import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';

/** One Web API call as the fake received it; JSON-encoded arguments (blocks) are decoded. */
export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  /** The `ts` the fake answered with: the id of the posted message. */
  ts: string;
}

export interface FakeSlackApi {
  /** The base URL for Bolt's `slackApiUrl` (ends with /api/). */
  url: string;
  calls: ApiCall[];
  /** The next call of `method` is answered `{ ok: false, error }`, as Slack refuses a call. */
  failNext(method: string, error: string): void;
  close(): Promise<void>;
}

/**
 * A stand-in for slack.com/api on loopback: records every method call (WebClient posts them
 * form-encoded) and answers `{ ok: true, ts }` the way chat.postMessage and chat.postEphemeral do.
 */
export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: ApiCall[] = [];
  const failures = new Map<string, string>();
  let next = 1;
  const app = express();
  app.post('/api/:method', express.urlencoded({ extended: false }), (req, res) => {
    const method = String(req.params.method);
    const args = Object.fromEntries(Object.entries(req.body as Record<string, string>).map(([key, value]) => [key, decode(value)]));
    const ts = `1718000100.${String(next++).padStart(6, '0')}`;
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    calls.push({ method, args, token, ts });
    const failure = failures.get(method);
    if (failure !== undefined) {
      failures.delete(method);
      res.json({ ok: false, error: failure });
      return;
    }
    res.json(method === 'chat.postEphemeral' ? { ok: true, message_ts: ts } : { ok: true, channel: args.channel, ts });
  });
  const server = await listen(app);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    failNext: (method, error) => void failures.set(method, error),
    close: () => close(server),
  };
}

export function listen(app: express.Express): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(server)));
  });
}

export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // fetch keeps connections alive; without this, close waits for them to time out.
    server.closeAllConnections();
  });
}

function decode(value: string): unknown {
  if (!/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
