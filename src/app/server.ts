import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Middleware, type TurnContext } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import { z } from 'zod';
import express, { type Express, type Request, type Response } from 'express';
import type { Config } from '../config/config';
import { DirectLineAdapter } from '../channels/directline/directline-adapter';
import { directLineRouter } from '../channels/directline/directline-router';
import { createDirectLineStream, refuse } from '../channels/directline/directline-stream';
import { TokenService } from '../channels/directline/token-service';
import { createSlackChannel } from '../channels/slack/slack-channel';
import { webRouter } from '../channels/web/web-router';
import { cloudProcess } from '../channels/cloud-process';
import { errorMiddleware } from '../channels/error-middleware';
import { HttpError } from '../channels/http-error';
import { agentAccess } from '../agent/agent-access';
import { agentRouter } from '../agent/agent-router';
import { createAgentStream, type AgentStream } from '../agent/agent-stream';
import { AgentViews } from '../agent/agent-views';
import type { Backend } from '../storage/backend';
import { openBackend } from '../storage/open-backend';
import { tokenKey } from '../channels/directline/token-key';
import { CachedBotFrameworkAuthentication } from './cached-bot-authentication';
import type { Giftbot } from '../channels/bot-app';
import { createGiftbot } from './create-giftbot';
import { loadMacrosDir } from '../handoff/macro-loader';
import type { TeamMacros } from '../handoff/macro-schema';
import { refuseDeepJson } from './json-guards';
import { isStorageUnavailable } from '../storage/storage-unavailable';
import { Metrics } from './metrics';
import { metricsAccess } from './metrics-access';
import { routeConsoleToLog } from './console-log';
import { accessLog, logUpgrade } from './access-log';
import { readiness } from './readiness';
import { errorFields } from '../core/error-fields';
import { createClientLimits } from './client-limits-setup';
import { handoffLimits } from '../limits/handoff-limits';
import { overallCeiling } from '../channels/overall-ceiling';
import { developmentGuard } from '../channels/development-guard';
import { turnCommitMiddleware } from '../channels/turn-commit-middleware';
import { securityHeaders } from '../channels/web/security-headers';
import { cors } from '../channels/web/cors';
import type { Logger } from '../core/logger';
import { IncomingRedactor } from '../safety/incoming-redactor';
import { cutText } from '../safety/cut-text';

/** Request bodies past this are refused with 413 before anything reads them. */
export const MAX_BODY = '256kb';

export interface ServerOptions {
  /** Folder KNOWLEDGE_DIR, DIALOGS_DIR and DATA_DIR are relative to. */
  root: string;
  log: Logger;
  /** Swap in a prepared bot (tests, the echo bot of bench:http); otherwise giftbot is created from the config. */
  bot?: BotApp;
  /** Where everything is kept; by default what the config says (SQLite in DATA_DIR, Redis with REDIS_URL, or memory). */
  backend?: Backend;
}

/** What the server runs: a bot and the middleware to put in front of it. */
export interface BotApp {
  bot: { run(context: TurnContext): Promise<void> };
  middleware: Middleware[];
}

export interface RunningServer {
  url: string;
  server: Server;
  app: Express;
  bot: BotApp;
  /** The agent console; with the one-off development token in its fragment when one was made. */
  agentConsoleUrl: string;
  /** Stops accepting, lets the turns in flight finish, then closes. */
  close(): Promise<void>;
}

/**
 * The HTTP face of giftbot: the embedded Direct Line endpoint and the website widget, the Azure
 * Bot Service endpoint for Teams and Slack, and /healthz. Every error answers JSON without a
 * stack trace, and the process keeps serving.
 */
export async function startServer(config: Config, options: ServerOptions): Promise<RunningServer> {
  const { log } = options;
  // First, before storage opens: a bad macros file stops start-up naming the file and field, like dialogs/.
  const macros = options.bot ? undefined : loadMacrosDir(path.resolve(options.root, config.MACROS_DIR));
  mkdirSync(path.resolve(options.root, config.DATA_DIR), { recursive: true });
  const backend = options.backend ?? (await openBackend(config, options.root, log));
  try {
    return await serveOn(config, options, backend, macros);
  } catch (err) {
    // Nothing serves (a bad dialogs/ or knowledge/ file, the port taken): close what was opened, or
    // its timers and connections keep the process alive after "giftbot did not start".
    if (!options.backend) await backend.close().catch(() => undefined);
    throw err;
  }
}

async function serveOn(config: Config, options: ServerOptions, backend: Backend, macros: ReturnType<typeof loadMacrosDir> | undefined): Promise<RunningServer> {
  const { log } = options;
  const metrics = new Metrics();
  const limits = createClientLimits(config, backend, metrics, log);
  const giftbot = options.bot
    ? undefined
    : createGiftbot(config, { root: options.root, log, storage: backend.storage, transcripts: backend.transcripts, handoff: backend.handoff, audit: backend.audit, notes: backend.notes, archive: backend.archive, locks: backend.locks, bus: backend.bus, metrics, handoffLimits: handoffLimits(limits, config.HANDOFF_QUEUE_MAX || undefined) });
  const botApp: BotApp = options.bot ?? giftbot!;
  const logic = (context: TurnContext) => botApp.bot.run(context);
  let ready = false;

  const app = express();
  app.disable('x-powered-by');
  app.use(accessLog(log));
  // Unset, req.ip is the socket's address: X-Forwarded-For is believed only from a configured proxy.
  app.set('trust proxy', config.TRUST_PROXY ?? false);
  app.use(securityHeaders({ publicUrl: config.PUBLIC_URL }));
  app.get('/healthz', (_req, res) => {
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'starting' });
  });
  app.get('/readyz', readiness({ backend, brands: giftbot && (() => giftbot.catalog.brandIds.length), serving: () => ready, log }));
  app.get('/metrics', metricsAccess(config), async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.render());
  });
  // Every channel's edge cuts and redacts the whole incoming activity before anything keeps it.
  const redactor = new IncomingRedactor({ cut: (text) => cutText(text, config.MAX_MESSAGE_LENGTH) });
  // Slack signs the raw body, so its router comes before the JSON parser.
  const slack = giftbot && config.SLACK_SIGNING_SECRET && config.SLACK_BOT_TOKEN && config.SLACK_BOT_USER_ID
    ? createSlackChannel({ signingSecret: config.SLACK_SIGNING_SECRET, botToken: config.SLACK_BOT_TOKEN, botUserId: config.SLACK_BOT_USER_ID, giftbot, log, redactor, turns: backend, ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}) })
    : undefined;
  if (slack) app.use(slack.router);
  // Before the ceiling: a preflight is answered here and spends no one's allowance.
  app.use('/v3/directline', cors(config.ALLOWED_ORIGINS ?? []));
  app.use(['/v3/directline', '/api/messages'], overallCeiling(limits));
  app.use(express.json({ limit: MAX_BODY }), refuseDeepJson);

  // One connector client per serviceUrl, not one per activity (see cached-bot-authentication.ts).
  const cloud = new CloudAdapter(new CachedBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication(azureAuthOptions(config))));
  // First, so the bot's middleware (the transcript logger too) runs inside the turn commit.
  cloud.use(turnCommitMiddleware(backend));
  for (const middleware of botApp.middleware) cloud.use(middleware);
  cloud.onTurnError = turnErrorHandler(log);
  app.post('/api/messages', developmentGuard({ anonymous: !config.MicrosoftAppId, allowList: config.SERVICE_URL_ALLOWLIST }), (req: Request, res: Response) => {
    // botbuilder answers a body that is no activity with a 500; it is the sender's mistake.
    if (!ActivityBodySchema.safeParse(req.body).success) throw new HttpError(400, 'BadRequest', 'The body must be an activity with a "type"');
    // Before the adapter, the middleware and the transcript logger; the JWT is in the header, not the body.
    req.body = redactor.redact(req.body as object);
    return cloudProcess(cloud, req, res, logic);
  });

  const store = backend.directLine;
  const tokens = new TokenService(await tokenKey(config.DIRECTLINE_SECRET, backend.storage));
  const directLine = new DirectLineAdapter(store, logic, config.PUBLIC_URL ?? `http://localhost:${config.PORT}`, backend);
  for (const middleware of botApp.middleware) directLine.use(middleware);
  directLine.onTurnError = turnErrorHandler(log);
  app.use('/v3/directline', directLineRouter({ store, adapter: directLine, tokens, secret: config.DIRECTLINE_SECRET, publicUrl: config.PUBLIC_URL, log, redactor, limits }));

  // Agents reach customers on whichever channel they came from.
  giftbot?.routes
    .register('directline', (reference, run) => directLine.continueConversation(reference, run))
    .otherwise((reference, run) => cloud.continueConversationAsync(config.MicrosoftAppId ?? '', reference, run));
  if (slack) giftbot?.routes.register('slack', (reference, run) => slack.continueConversation(reference, run));
  const agents = giftbot && macros ? mountAgents(app, config, giftbot, backend.archive, macros, log) : undefined;

  app.use(webRouter());
  app.use((req) => {
    throw new HttpError(404, 'NotFound', `No route for ${req.method} ${req.path}`);
  });
  app.use(errorMiddleware({ log, maxBody: MAX_BODY }));

  const server = createServer(app);
  const stream = createDirectLineStream(store, tokens, log);
  server.on('upgrade', (req, socket, head) => {
    logUpgrade(log, req, socket);
    if (!stream.upgrade(req, socket, head) && !agents?.stream.upgrade(req, socket, head)) refuse(socket, 404, 'Not Found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, resolve);
  });
  ready = true;
  const restoreConsole = routeConsoleToLog(log);
  giftbot?.handoff.start();
  const expiry = expireTranscriptsDaily(backend, config.TRANSCRIPT_DAYS, log);
  const port = (server.address() as AddressInfo).port;
  log.info('listening', { port, directLine: 'embedded', azure: config.MicrosoftAppId ? 'authenticated' : 'anonymous', slack: slack ? 'direct' : 'off' });

  return {
    url: `http://localhost:${port}`,
    server,
    app,
    bot: botApp,
    agentConsoleUrl: `http://localhost:${port}/agent/${agents?.devToken ? `#token=${agents.devToken}` : ''}`,
    async close() {
      ready = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      giftbot?.handoff.stop();
      agents?.stream.close();
      stream.close();
      server.closeIdleConnections();
      await Promise.all([directLine.drained(), slack?.stop()]);
      await closed;
      clearInterval(expiry);
      if (!options.backend) await backend.close();
      restoreConsole();
      log.info('stopped');
    },
  };
}

/** Transcripts older than TRANSCRIPT_DAYS, and conversations archived that long ago, go: once at start, then every hour. */
function expireTranscriptsDaily(backend: Backend, days: number, log: Logger): NodeJS.Timeout {
  const expire = () => {
    backend.expireTranscripts(new Date(Date.now() - days * 86_400_000)).then(
      ({ transcript, archive }) => transcript + archive > 0 && log.info('transcripts-expired', { count: transcript, archive, days }),
      (err: unknown) => log.error('transcripts-expiry-failed', { reason: err instanceof Error ? err.message : String(err) }),
    );
  };
  expire();
  const timer = setInterval(expire, 3_600_000);
  timer.unref();
  return timer;
}

/** The agent API under /api/agent and its live stream; the console page itself is static (public/agent). */
function mountAgents(app: Express, config: Config, giftbot: Giftbot, archive: Backend['archive'], macros: TeamMacros, log: Logger): { stream: AgentStream; devToken?: string } {
  const { auth, devToken } = agentAccess(config, log);
  const views = new AgentViews(giftbot.catalog);
  const { handoff, transcripts, catalog, matcher, notes, audit } = giftbot;
  app.use('/api/agent', agentRouter({ auth, handoff, views, transcripts, catalog, matcher, notes, audit, archive, macros, config, log }));
  return { stream: createAgentStream({ auth, handoff, views, log, offlineGraceMs: config.AGENT_OFFLINE_GRACE_SECONDS * 1000 }), ...(devToken ? { devToken } : {}) };
}

/** Credentials for the Azure Bot Service endpoint; none means local, unauthenticated calls (dev only). */
function azureAuthOptions(config: Config) {
  return {
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
    // Overriding where keys come from makes botbuilder take every public-cloud setting from us.
    ...(config.BOT_OPENID_METADATA_URL
      ? {
          ToBotFromChannelOpenIdMetadataUrl: config.BOT_OPENID_METADATA_URL,
          ToBotFromEmulatorOpenIdMetadataUrl: config.BOT_OPENID_METADATA_URL,
          ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
          ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
          ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
          OAuthUrl: AuthenticationConstants.OAuthUrl,
          CallerId: CallerIdConstants.PublicAzureChannel,
          ValidateAuthority: true,
        }
      : {}),
  };
}

function turnErrorHandler(log: Logger) {
  return async (context: TurnContext, error: Error) => {
    log.error('turn-failed', { conversation: context.activity.conversation?.id, channel: context.activity.channelId, ...errorFields(error) });
    // With storage down the apology can't be stored either: the request itself must fail (503).
    if (isStorageUnavailable(error)) throw error;
    await context.sendActivity('Sorry, something went wrong on my side. Please try again in a moment.');
  };
}

/** Just enough to tell an activity from anything else; botbuilder checks the rest. */
const ActivityBodySchema = z.looseObject({ type: z.string().min(1) });
