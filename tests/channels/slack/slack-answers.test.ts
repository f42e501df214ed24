import { createHmac } from 'node:crypto';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createGiftbot } from '../../../src/app/create-giftbot';
import { jsonLogger } from '../../../src/app/logger';
import { createSlackChannel, SLACK_EVENTS_PATH, type SlackChannel } from '../../../src/channels/slack/slack-channel';
import { loadConfig } from '../../../src/config/config';
import { MemoryLog } from '../../../src/core/record-log';
import { ROOT } from '../../helpers/paths';
import { close, listen, startFakeSlackApi, type FakeSlackApi } from './fake-slack-api';

/**
 * What the Slack router answers when it refuses a request, on a bare express app (no error
 * middleware of the server's): the house JSON error, whether the guard refused it or Bolt did, and
 * `Connection: close` when the body is left unread.
 */
const SECRET = 'test-signing-secret-answers-0001';

let api: FakeSlackApi;
let server: Server;
let channel: SlackChannel;
let port: number;

beforeAll(async () => {
  api = await startFakeSlackApi();
  const log = jsonLogger(() => undefined);
  const giftbot = createGiftbot(loadConfig({}), { root: ROOT, log, audit: new MemoryLog(), notes: new MemoryLog() });
  channel = createSlackChannel({ signingSecret: SECRET, botToken: 'xoxb-test-token-0002', botUserId: 'U0GIFTBOT', slackApiUrl: api.url, giftbot, log });
  const app = express();
  app.use(channel.router);
  server = await listen(app);
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await channel.stop();
  await close(server);
  await api.close();
});

interface Answer {
  status: number;
  connection: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

/** A raw request, so a declared Content-Length can differ from the bytes sent. */
function send(body: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: SLACK_EVENTS_PATH, method: 'POST', headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, contentType: res.headers['content-type'], body: JSON.parse(text) as unknown }));
    });
    // The server may close before the declared body is sent: the answer has already come.
    req.on('error', (err) => (err.message.includes('EPIPE') || err.message.includes('ECONNRESET') ? undefined : reject(err)));
    req.write(body);
    if (headers['Content-Length'] === undefined) req.end();
  });
}

function signed(body: string, timestamp: number): Record<string, string> {
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'X-Slack-Request-Timestamp': String(timestamp), 'X-Slack-Signature': signature };
}

const NOT_SIGNED = { error: { code: 'Unauthorized', message: 'The request is not signed by Slack, or its signature is too old' } };

describe('the Slack router refuses', () => {
  test('when a request carries no signature, then Bolt refuses it and the client gets 401 JSON', async () => {
    const answer = await send('{"type":"url_verification","challenge":"c"}', {});
    expect(answer).toMatchObject({ status: 401, body: NOT_SIGNED });
    expect(answer.contentType).toMatch(/^application\/json/);
  });

  test('when a signed request is dated ten minutes ahead, then it is refused with 401 JSON and the connection closes', async () => {
    const body = '{"type":"url_verification","challenge":"c"}';
    const answer = await send(body, signed(body, Math.floor(Date.now() / 1000) + 600));
    expect(answer).toMatchObject({ status: 401, connection: 'close', body: NOT_SIGNED });
  });

  test('when a request declares a body over 256 KB, then it is refused with 413 JSON before the body is read, and the connection closes', async () => {
    const answer = await send('{"type":', { 'Content-Length': String(300 * 1024) });
    expect(answer).toMatchObject({ status: 413, connection: 'close', body: { error: { code: 'PayloadTooLarge', message: 'The body is larger than 256 KB' } } });
  });

  test('when a signed body is not JSON, then Bolt refuses it and the client gets 400 JSON', async () => {
    const body = '{"type": url_verification';
    const answer = await send(body, signed(body, Math.floor(Date.now() / 1000)));
    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'BadRequest', message: 'The request could not be read' } } });
  });
});
