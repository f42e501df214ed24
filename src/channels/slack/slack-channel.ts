import { App, ExpressReceiver, webApi } from '@slack/bolt';
import { SLACK_MAX_BODY_BYTES, slackRequestGuard } from './slack-guard';
import { ActivityTypes, type Activity, type ConversationReference, type MiddlewareHandler, type TurnContext } from 'botbuilder';
import { Router } from 'express';
import type { Giftbot } from '../bot-app';
import { errorMiddleware } from '../error-middleware';
import type { Logger } from '../../core/logger';
import { InProcessAdapter } from '../in-process-adapter';
import { IncomingRedactor } from '../../safety/incoming-redactor';
import { LocalLocks } from '../../core/conversation-locks';
import { boltLogger } from './bolt-logger';
import type { TurnCommit } from '../../storage/backend';
import { postReplies } from './post-replies';
import { RecentIds } from './recent-ids';
import { eventIdOf, fromButton, fromDirectMessage, fromMention, type SlackInbound } from './slack-inbound';

/** Where Slack sends events and interactivity (set both Request URLs of the Slack app to it). */
export const SLACK_EVENTS_PATH = '/api/slack/events';

export interface SlackChannelOptions {
  /** The Slack app's signing secret: every request must carry its signature. */
  signingSecret: string;
  /** The bot token (xoxb-…) replies are posted with. */
  botToken: string;
  /** The bot's own user id (U…): its mention is taken out of the text and its messages ignored. */
  botUserId: string;
  /** The workspace; when set it is used in conversation ids instead of the one in each payload. */
  teamId?: string;
  /** Base URL of the Web API, ending in `/api/`; tests point it at a fake Slack. */
  slackApiUrl?: string;
  giftbot: Giftbot;
  log: Logger;
  /** Hides codes in what a person wrote once Bolt has checked the signature, before the turn; a plain one if unset. */
  redactor?: IncomingRedactor;
  /**
   * The backend's turn commit: each turn under the conversation's lock (across instances on Redis),
   * what it keeps kept together or not at all. Unset: turns are only serialized, in this process.
   */
  turns?: TurnCommit;
}

export interface SlackChannel {
  /** Serves POST /api/slack/events. Mount it before any body parser: the signature covers the raw body. */
  router: Router;
  /** Stops taking new turns and resolves once the turns already queued have been answered. */
  stop(): Promise<void>;
  /** A turn outside the conversation's messages (an agent's reply), posted like any other reply. */
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

// Posting happens inside a conversation's queue, so a Slack outage must not hold a conversation
// for the Web API client's default half hour of retries.
const API_RETRIES = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2000 };
const API_TIMEOUT_MS = 10_000;

/**
 * Slack, spoken to directly through Bolt: Bolt checks each request's signature (five-minute replay
 * window), answers url_verification and acknowledges at once; mentions in channels, direct
 * messages and button clicks become message turns of the same bot, each in the backend's turn commit
 * (one at a time per conversation, across instances on Redis), and the bot's replies are posted back
 * with the Web API.
 */
export function createSlackChannel(options: SlackChannelOptions): SlackChannel {
  const { giftbot, log, botUserId, teamId } = options;
  const redactor = options.redactor ?? new IncomingRedactor();
  const adapter = new InProcessAdapter((context) => giftbot.bot.run(context));
  for (const middleware of giftbot.middleware) adapter.use(middleware);
  adapter.use(markAddressed(botUserId));
  const turns = options.turns ?? localTurns();
  // What stop() waits for: every turn queued or running.
  const inFlight = new Set<Promise<void>>();
  const committed = (conversationId: string, fn: () => Promise<void>): Promise<void> => {
    const running = turns.atomically(conversationId, fn);
    inFlight.add(running);
    const settled = (): void => void inFlight.delete(running);
    running.then(settled, settled);
    return running;
  };
  const seen = new RecentIds();
  let stopped = false;

  const router = Router();
  // The router answers its own refusals, so it speaks the house JSON wherever it is mounted.
  const errors = errorMiddleware({ log, maxBody: `${SLACK_MAX_BODY_BYTES / 1024}kb` });
  // The signature covers the raw bytes; once a body parser mounted earlier has read them they are
  // gone, and every Slack request would fail. Say so plainly instead of Bolt's "stream is not readable".
  router.post(SLACK_EVENTS_PATH, slackRequestGuard(errors), (req, res, next) => {
    if (req.readableEnded && !('rawBody' in req)) {
      log.error('slack-body-already-read', { hint: 'mount the Slack router before express.json()' });
      res.status(500).end();
      return;
    }
    next();
  });
  const logger = boltLogger(log);
  // bodyLimit: Bolt reads the body (up to 4 MB by default) before checking the signature; past the
  // cap it stops reading at once and answers 413, chunked bodies included.
  const receiver = new ExpressReceiver({ signingSecret: options.signingSecret, endpoints: { events: SLACK_EVENTS_PATH }, router, logger, bodyLimit: SLACK_MAX_BODY_BYTES });
  // After Bolt's routes on the router, so the guard's thrown refusals reach it.
  router.use(errors);
  const app = new App({
    receiver,
    logger,
    // A fixed authorization: a single-workspace app knows its token and bot user, so no auth.test call.
    authorize: async () => ({ botToken: options.botToken, botUserId, ...(teamId ? { teamId } : {}) }),
    convoStore: false,
    clientOptions: { ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}), retryConfig: API_RETRIES, timeout: API_TIMEOUT_MS },
  });

  const turn = async (inbound: SlackInbound, client: webApi.WebClient, retry: number | undefined): Promise<void> => {
    if (stopped) {
      log.warn('slack-turn-dropped', { conversation: inbound.conversation.id, kind: inbound.kind, reason: 'stopping' });
      return;
    }
    log.info('slack-turn', { conversation: inbound.conversation.id, kind: inbound.kind, ...(retry !== undefined ? { retry } : {}) });
    await committed(inbound.conversation.id, async () => {
      let replies: Partial<Activity>[];
      try {
        // Channel and conversation are set again by the adapter; here they name the conversation for
        // the split-code memory.
        const said = redactor.redact({ type: ActivityTypes.Message, text: inbound.text, channelId: 'slack', conversation: { id: inbound.conversation.id } });
        replies = await adapter.process(inbound.conversation, said as Partial<Activity>);
      } catch (err) {
        log.error('slack-turn-failed', { conversation: inbound.conversation.id, reason: err instanceof Error ? err.name : 'unknown' });
        replies = [{ type: ActivityTypes.Message, text: giftbot.flows.global.says.broken }];
      }
      await postReplies(client, inbound, replies, log);
    });
  };

  /** Events: Bolt has already acknowledged them; a redelivery of one already taken is dropped. */
  const onEvent = (read: (body: unknown) => SlackInbound | null) =>
    async ({ body, client, context }: { body: unknown; client: webApi.WebClient; context: { retryNum?: number } }) => {
      const inbound = read(body);
      if (!inbound) return;
      const eventId = eventIdOf(body);
      if (eventId !== null && !seen.firstTime(eventId)) {
        log.info('slack-duplicate', { conversation: inbound.conversation.id, eventId, retry: context.retryNum ?? 0 });
        return;
      }
      await turn(inbound, client, context.retryNum);
    };

  app.event('app_mention', onEvent((body) => fromMention(body, botUserId, teamId)));
  app.event('message', onEvent((body) => fromDirectMessage(body, botUserId, teamId)));

  app.action({ type: 'block_actions' }, async ({ ack, body, client }) => {
    await ack();
    const inbound = fromButton(body, teamId);
    if (inbound) await turn(inbound, client, undefined);
  });

  // Interactions giftbot has no use for (shortcuts, modals, slash commands) are still
  // acknowledged, so Slack shows no error and Bolt's three-second timer never fires.
  app.use(async (args) => {
    const type = (args.body as { type?: unknown }).type;
    if ('ack' in args && typeof args.ack === 'function' && type !== 'block_actions') {
      await args.ack();
      return;
    }
    await args.next();
  });

  // The listeners catch their own failures; this is the last line, so nothing reaches the process.
  app.error(async (error) => {
    log.error('slack-listener-failed', { code: error.code ?? 'unknown', name: error.name });
  });

  // Proactive posts have no request's client to borrow: one of their own, with the bot token.
  const client = new webApi.WebClient(options.botToken, { ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}), retryConfig: API_RETRIES, timeout: API_TIMEOUT_MS });

  return {
    router,
    async stop() {
      stopped = true;
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async continueConversation(reference, logic) {
      const inbound = inboundOf(reference);
      if (!inbound) throw new Error(`not a Slack conversation giftbot started: ${reference.conversation?.id ?? ''}`);
      await committed(inbound.conversation.id, async () => {
        await postReplies(client, inbound, await adapter.proactive(reference, logic), log);
      });
    },
  };
}

/** Turns serialized in this process only, for a channel made without a backend (tests). */
function localTurns(): TurnCommit {
  const locks = new LocalLocks();
  return { atomically: (conversationId, fn) => locks.run(conversationId, fn) };
}

/** Where a conversation's messages go, from its id (`slack:<team>:<channel>[:<thread ts>]`). */
function inboundOf(reference: Partial<ConversationReference>): SlackInbound | null {
  const id = reference.conversation?.id ?? '';
  const [prefix, , channel, threadTs] = id.split(':');
  if (prefix !== 'slack' || !channel) return null;
  const isGroup = Boolean(reference.conversation?.isGroup);
  const user = reference.user?.id ?? '';
  return {
    kind: 'direct',
    conversation: { id, channelId: 'slack', isGroup, ...(reference.user ? { user: { id: user, name: reference.user.name ?? user } } : {}) },
    target: { channel, user, isGroup, ...(threadTs ? { threadTs } : {}) },
    text: '',
  };
}

/**
 * In a shared channel giftbot answers only turns that mention it (src/bot/giftbot.ts). Every turn
 * this channel runs was addressed to the bot — a mention, a direct message, a click on one of the
 * bot's own buttons — so it carries the Bot Framework mention of the recipient. Its text is the
 * Slack markup, already taken out of the message, so the bot has nothing left to remove.
 */
function markAddressed(botUserId: string): MiddlewareHandler {
  return async (context, next) => {
    const { activity } = context;
    if (activity.type === ActivityTypes.Message) {
      activity.entities = [...(activity.entities ?? []), { type: 'mention', mentioned: activity.recipient, text: `<@${botUserId}>` }];
    }
    await next();
  };
}
