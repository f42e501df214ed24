import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ActivityTypes, type Activity } from 'botbuilder';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Logger } from '../../core/logger';
import { IncomingRedactor } from '../../safety/incoming-redactor';
import { activitySet, PENDING_CLIENT_ID, type DirectLineConversation, type DirectLineStore } from './conversation-store';
import { BOT_ACCOUNT, type DirectLineAdapter } from './directline-adapter';
import type { ClientLimits, LimitKind } from '../../limits/client-limits';
import { clientOrigin } from '../../limits/client-origin';
import { clientKey } from '../../limits/loopback';
import { HttpError } from '../http-error';
import { tooManyRequests } from '../too-many-requests';
import type { TokenClaims, TokenService } from './token-service';
import { isStorageUnavailable } from '../../storage/storage-unavailable';

export interface DirectLineOptions {
  store: DirectLineStore;
  adapter: DirectLineAdapter;
  tokens: TokenService;
  /** With a secret set, tokens/generate and secret-based calls require it, as on Azure. */
  secret: string | undefined;
  /** Public base URL, for stream URLs behind a proxy; else taken from the request. */
  publicUrl: string | undefined;
  log: Logger;
  /** Hides codes in every field of a post before it is stored or answered; a plain one if unset. */
  redactor?: IncomingRedactor;
  /** Per-client limits (tokens, conversations, posts); unset, nothing is counted. */
  limits?: ClientLimits;
}

const GenerateBodySchema = z
  .object({ user: z.object({ id: z.string().max(200).optional(), name: z.string().max(200).optional() }).optional() })
  .optional();

const AccountSchema = z.object({ id: z.string().max(200).optional(), name: z.string().max(200).optional() }).optional();

/** What a client may post. Addressing fields (conversation, recipient, channel) are set by the server. */
const PostedActivitySchema = z.object({
  type: z.enum([ActivityTypes.Message, ActivityTypes.Event, ActivityTypes.Typing]),
  text: z.string().max(20_000).optional(),
  textFormat: z.string().max(20).optional(),
  locale: z.string().max(35).optional(),
  name: z.string().max(200).optional(),
  from: AccountSchema,
  value: z.unknown().optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
  attachments: z.array(z.record(z.string(), z.unknown())).max(10).optional(),
  entities: z.array(z.record(z.string(), z.unknown())).max(20).optional(),
  localTimestamp: z.string().max(64).optional(),
  localTimezone: z.string().max(64).optional(),
});

type Auth = { kind: 'secret' } | { kind: 'token'; claims: TokenClaims };

/**
 * The Direct Line 3.0 protocol at /v3/directline, so the official clients (botframework-directlinejs,
 * Web Chat) work unmodified. Token rules follow Azure's enhanced authentication: the user id is
 * bound to the token, a token opens only its own conversation, tokens expire after 30 minutes and
 * refresh only before that, and a retried post (same clientActivityID) is processed once.
 */
export function directLineRouter(options: DirectLineOptions): Router {
  const { store, adapter, tokens, log } = options;
  const redactor = options.redactor ?? new IncomingRedactor();
  const router = Router();
  /** Throws 429 for the first limit that refuses; the client address is req.ip (see TRUST_PROXY). */
  const limit = async (...checks: Array<readonly [LimitKind, string | undefined]>): Promise<void> => {
    const result = options.limits ? await options.limits.consumeAll(checks) : { ok: true as const };
    if (!result.ok) throw tooManyRequests(result);
  };
  const holdsSecret = (req: Request) => options.secret !== undefined && safeEqual(/^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1] ?? '', options.secret);

  const authorize = (req: Request): Auth => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '');
    if (!match) throw new HttpError(401, 'MissingToken', 'Send a Direct Line token (or the secret) as "Authorization: Bearer …"');
    if (options.secret && safeEqual(match[1]!, options.secret)) return { kind: 'secret' };
    const checked = tokens.check(match[1]!);
    if (checked.ok) return { kind: 'token', claims: checked.claims };
    if (checked.reason === 'expired') throw new HttpError(403, 'TokenExpired', 'The token has expired: generate a new one');
    throw new HttpError(401, 'BadToken', 'The token is not valid');
  };

  /** The conversation a token may open; 403 for any other. */
  const ownConversation = async (auth: Auth, id: string): Promise<DirectLineConversation> => {
    if (auth.kind === 'token' && auth.claims.conversationId !== id) throw new HttpError(403, 'WrongConversation', 'This token is for another conversation');
    const conversation = await store.get(id);
    if (!conversation) throw new HttpError(404, 'NotFound', 'No such conversation');
    return conversation;
  };

  const streamUrl = (req: Request, id: string, token: string, watermark?: string): string => {
    const base = options.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    const url = new URL(`/v3/directline/conversations/${encodeURIComponent(id)}/stream`, base.replace(/^http/, 'ws'));
    if (watermark !== undefined) url.searchParams.set('watermark', watermark);
    url.searchParams.set('t', token);
    return url.toString();
  };

  const started = (req: Request, conversation: DirectLineConversation, token: string, expiresIn: number, watermark?: string) => ({
    conversationId: conversation.id,
    token,
    expires_in: expiresIn,
    streamUrl: streamUrl(req, conversation.id, token, watermark),
    referenceGrammarId: '',
  });

  router.post('/tokens/generate', async (req, res) => {
    // The website's own server holds the secret and is not one client; everyone else is counted, wrong secrets too.
    if (!holdsSecret(req)) await limit(['tokens-per-ip', clientKey(req.ip)]);
    let trusted = false;
    if (options.secret) {
      if (authorize(req).kind !== 'secret') throw new HttpError(403, 'SecretRequired', 'Generating a token needs the Direct Line secret');
      trusted = true;
    }
    const body = GenerateBodySchema.safeParse(req.body ?? undefined);
    if (!body.success) throw new HttpError(400, 'BadArgument', 'Body must be {"user": {"id", "name"}} or empty');
    // Only a trusted caller (with the secret) chooses the user id, and it must look like Azure's.
    const requested = body.data?.user?.id;
    const userId = trusted && requested?.startsWith('dl_') ? requested : `dl_${randomBytes(12).toString('hex')}`;
    const conversationId = newConversationId();
    const { token, expiresIn } = tokens.issue(conversationId, userId);
    res.json({ conversationId, token, expires_in: expiresIn });
  });

  router.post('/tokens/refresh', async (req, res) => {
    if (!holdsSecret(req)) await limit(['tokens-per-ip', clientKey(req.ip)]);
    const auth = authorize(req);
    if (auth.kind !== 'token') throw new HttpError(400, 'BadArgument', 'Refresh a token, not the secret');
    const { token, expiresIn } = tokens.issue(auth.claims.conversationId, auth.claims.userId);
    res.json({ conversationId: auth.claims.conversationId, token, expires_in: expiresIn });
  });

  router.post('/conversations', async (req, res) => {
    const auth = authorize(req);
    const claims = auth.kind === 'token' ? auth.claims : { conversationId: newConversationId(), userId: `dl_${randomBytes(12).toString('hex')}` };
    const token = auth.kind === 'token' ? bearer(req) : tokens.issue(claims.conversationId, claims.userId).token;
    const existing = await store.get(claims.conversationId);
    if (!existing && auth.kind === 'token') await limit(['conversations-per-ip', clientKey(req.ip)]);
    const conversation = existing ?? (await store.create(claims.conversationId, claims.userId));
    res.status(existing ? 200 : 201).json(started(req, conversation, token, secondsLeft(tokens, token)));
    if (!existing) {
      log.info('directline-conversation', { conversation: conversation.id });
      const joined = adapter.incoming(conversation.id, { type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: claims.userId, name: '' }, BOT_ACCOUNT], from: { id: claims.userId, name: '' } });
      await adapter.turn(conversation.id, { ...joined, id: `${conversation.id}|join` } as Activity);
    }
  });

  router.get('/conversations/:id', async (req, res) => {
    const auth = authorize(req);
    const conversation = await ownConversation(auth, String(req.params.id));
    const token = auth.kind === 'token' ? bearer(req) : tokens.issue(conversation.id, conversation.userId).token;
    const watermark = typeof req.query.watermark === 'string' ? req.query.watermark : undefined;
    res.json(started(req, conversation, token, secondsLeft(tokens, token), watermark));
  });

  router.get('/conversations/:id/activities', async (req, res) => {
    const conversation = await ownConversation(authorize(req), String(req.params.id));
    const { activities, watermark } = await store.since(conversation.id, Number(req.query.watermark ?? 0) || 0);
    res.type('application/json').send(activitySet(activities, watermark));
  });

  router.post('/conversations/:id/activities', async (req, res) => {
    const auth = authorize(req);
    const conversation = await ownConversation(auth, String(req.params.id));
    // A flood into one conversation is refused first, so it doesn't also spend its client's allowance.
    await limit(['posts-per-conversation', conversation.id], ['posts-per-ip', auth.kind === 'token' ? clientKey(req.ip) : undefined]);
    const parsed = PostedActivitySchema.safeParse(req.body);
    if (!parsed.success) throw new HttpError(400, 'BadArgument', `Not an activity giftbot accepts: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    // The user is who the token says, whatever `from.id` the client sent.
    const userId = auth.kind === 'token' ? auth.claims.userId : conversation.userId;
    // Redacted here, whole, before the store, the turn, the transcript or the log sees any field of
    // it — the retry key included: a clientActivityID that held a code is no key (and is not kept).
    const posted = redactor.redact(adapter.incoming(conversation.id, { ...parsed.data, from: { id: userId, name: parsed.data.from?.name ?? '', role: 'user' } } as Partial<Activity>));
    const sentId = parsed.data.channelData?.clientActivityID;
    const clientId = typeof sentId === 'string' && (posted.channelData as { clientActivityID?: unknown } | undefined)?.clientActivityID === sentId ? sentId.slice(0, 200) : undefined;
    const seen = clientId ? await store.claimClientId(conversation.id, clientId) : undefined;
    if (seen === PENDING_CLIENT_ID) throw new HttpError(409, 'InProgress', 'This activity is still being processed; retry in a moment');
    if (seen) {
      res.json({ id: seen });
      return;
    }
    let echo: Activity | undefined;
    try {
      // The turn knows its client's address (handoff requests are counted per client too).
      await clientOrigin.run(clientKey(req.ip), () =>
        adapter.receive(conversation.id, posted, async (stored) => {
          echo = stored;
          if (clientId) await store.settleClientId(conversation.id, clientId, stored.id!);
        }),
      );
    } catch (err) {
      if (clientId) await store.releaseClientId(conversation.id, clientId); // let the client's retry run it again
      throw err;
    }
    res.json({ id: echo!.id! });
  });

  // A failed turn is the bot's failure (502), and the log says it happened on Direct Line; refusals
  // (HttpError) pass as thrown. The error middleware writes the answer, unless one has started.
  router.use((err: unknown, req: Request, _res: Response, next: NextFunction) => {
    if (err instanceof HttpError) return next(err);
    log.error('directline-failed', { path: req.path, reason: err instanceof Error ? err.message : String(err) });
    next(isStorageUnavailable(err) ? HttpError.storageUnavailable() : new HttpError(502, 'BotError', 'The bot could not process the activity'));
  });

  return router;
}

function bearer(req: Request): string {
  return /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')![1]!;
}

function secondsLeft(tokens: TokenService, token: string): number {
  const checked = tokens.check(token);
  return checked.ok ? Math.max(0, checked.claims.exp - Math.floor(Date.now() / 1000)) : 0;
}

function newConversationId(): string {
  return randomBytes(16).toString('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

