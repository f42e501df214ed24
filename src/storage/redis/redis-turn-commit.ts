import { AsyncLocalStorage } from 'node:async_hooks';
import { z } from 'zod';
import { EtagConflictError } from '../../core/etag-conflict';
import type { RedisConnection } from './redis-connection';
import { LuaScript } from './redis-lua-script';

/** Direct Line's part of a held turn, added by RedisDirectLineStore. */
export interface HeldDirectLine {
  keys: { conversation: string; activities: string; clientIds: string };
  /** The conversation's next sequence when the turn first appended; its activities take the ones after. */
  base?: number;
  /** Serialized, ids included. */
  activities: string[];
  clientIds: Array<[clientId: string, activityId: string]>;
  /** Activities the conversation keeps, and how long its keys live. */
  kept: number;
  ttlMs: number;
  /** Where appends are published. */
  channel: string;
}

/** Conversation state's part, added by RedisStorage: documents by Redis key, with the eTag each was read with. */
export interface HeldState {
  /** The counter new eTags come from. */
  counterKey: string;
  items: Map<string, { doc: string; eTag: string }>;
  ttlMs: number;
}

/** The transcript's part, added by RedisTranscriptStore: the turn's lines (one channel: the turn's). */
export interface HeldTranscript {
  channelId: string;
  keys: { list: string; index: string; channels: string };
  lines: string[];
  kept: number;
  ttlMs: number;
}

/** What one turn keeps, held back while it runs; each store adds its own part. */
export interface HeldTurn {
  readonly connection: RedisConnection;
  readonly conversationId: string;
  /** Closed once the turn is over: anything it started that writes later writes straight through. */
  open: boolean;
  directLine?: HeldDirectLine;
  state?: HeldState;
  transcript?: HeldTranscript;
  /** A store's own bookkeeping, once the turn is kept. */
  afterCommit: Array<() => void>;
}

const turns = new AsyncLocalStorage<HeldTurn>();

/**
 * The turn being held for `connection`, if any. A store holds only writes for the turn's
 * conversation; any others (a turn may reach another customer) go straight through.
 */
export function heldTurn(connection: RedisConnection): HeldTurn | undefined {
  const turn = turns.getStore();
  return turn?.open && turn.connection === connection ? turn : undefined;
}

/**
 * The turn commit on Redis: runs `fn`, a turn of the conversation, holding back what the stores on
 * `connection` write for it (state, transcript lines, Direct Line activities and client ids), then
 * keeps it all in one script. Redis going away part way through a turn leaves nothing of it: no
 * message kept without its answer, no bot a step ahead of what the customer saw. The caller holds
 * the conversation's lock.
 */
export async function commitTurn<T>(connection: RedisConnection, conversationId: string, fn: () => Promise<T>): Promise<T> {
  const turn: HeldTurn = { connection, conversationId, open: true, afterCommit: [] };
  let result: T;
  try {
    result = await turns.run(turn, fn);
  } finally {
    turn.open = false;
  }
  if (!turn.directLine && !turn.state && !turn.transcript) return result;
  const { keys, args } = commitTurnCall(turn, Date.now());
  const reply = CommitReplySchema.parse(await connection.script(COMMIT_TURN, keys, args));
  if (reply[0] === 0) throw new Error(`no Direct Line conversation ${conversationId}`);
  // Another writer came first (the conversation's lock was lost): nothing was kept, the turn fails and may be sent again.
  if (reply[0] === 1) throw new EtagConflictError(`directline/${conversationId}`);
  if (reply[0] === 2) throw new EtagConflictError([...turn.state!.items.keys()][reply[1] - 1]!);
  for (const after of turn.afterCommit) after();
  return result;
}

/** The script's fixed arguments, by name, in ARGV order; the lists follow them. */
const HEADER = ['activities', 'clientIds', 'stateItems', 'lines', 'dlKept', 'dlTtlMs', 'dlChannel', 'conversationJson', 'base', 'stateTtlMs', 'linesKept', 'linesTtlMs', 'now', 'cutoff', 'lineChannel', 'conversationId'] as const;
type Header = Record<(typeof HEADER)[number], string | number>;

/**
 * KEYS and ARGV for COMMIT_TURN from a held turn. KEYS: (with state) the eTag counter and the state
 * items, (with activities or client ids) the Direct Line conversation, its activities and client
 * ids, (with lines) the transcript list, its channel's index and the conversation's channels.
 * ARGV: the HEADER fields, then the activities, the client id pairs, the state document and eTag
 * pairs and the transcript lines.
 */
export function commitTurnCall(turn: HeldTurn, now: number): { keys: string[]; args: Array<string | number> } {
  const { directLine: dl, transcript: lines } = turn;
  const state = [...(turn.state?.items ?? [])];
  const header: Header = {
    activities: dl?.activities.length ?? 0,
    clientIds: dl?.clientIds.length ?? 0,
    stateItems: state.length,
    lines: lines?.lines.length ?? 0,
    dlKept: dl?.kept ?? 0,
    dlTtlMs: dl?.ttlMs ?? 0,
    dlChannel: dl?.channel ?? '',
    conversationJson: JSON.stringify(turn.conversationId),
    base: dl?.base ?? 0,
    stateTtlMs: turn.state?.ttlMs ?? 0,
    linesKept: lines?.kept ?? 0,
    linesTtlMs: lines?.ttlMs ?? 0,
    now,
    cutoff: now - (lines?.ttlMs ?? 0),
    lineChannel: lines?.channelId ?? '',
    conversationId: turn.conversationId,
  };
  const keys = [
    ...(turn.state && state.length > 0 ? [turn.state.counterKey, ...state.map(([key]) => key)] : []),
    ...(dl && (dl.activities.length > 0 || dl.clientIds.length > 0) ? [dl.keys.conversation, dl.keys.activities, dl.keys.clientIds] : []),
    ...(lines && lines.lines.length > 0 ? [lines.keys.list, lines.keys.index, lines.keys.channels] : []),
  ];
  const args = [
    ...HEADER.map((name) => header[name]),
    ...(dl?.activities ?? []),
    ...(dl?.clientIds.flat() ?? []),
    ...state.flatMap(([, item]) => [item.doc, item.eTag]),
    ...(lines?.lines ?? []),
  ];
  return { keys, args };
}

const CommitReplySchema = z.union([z.tuple([z.literal(0)]), z.tuple([z.literal(1)]), z.tuple([z.literal(2), z.number()]), z.tuple([z.literal(3)])]);

/**
 * Keeps a held turn in one step, or nothing of it: the state (eTags checked as RedisStorage's write
 * does), the Direct Line activities (their ids were handed out from `base`, so no other append may
 * have come in between) and the client ids they settle, and the transcript lines; then trims,
 * keeps the keys alive and publishes the activities, as the stores' own scripts do.
 * Returns {0} when the Direct Line conversation is gone, {1} when another append came first, {2, i}
 * when state item i's eTag didn't match, {3} when kept (now, or by this same commit before).
 */
const COMMIT_TURN = new LuaScript(
  'turn-commit',
  `
local m, c, n, t = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local dlKept, dlTtl, dlChannel, conversationJson, base = ARGV[5], ARGV[6], ARGV[7], ARGV[8], tonumber(ARGV[9])
local stateTtl, linesKept, linesTtl, now, cutoff, lineChannel, conversationId = ARGV[10], ARGV[11], ARGV[12], ARGV[13], ARGV[14], ARGV[15], ARGV[16]
local activities, clients, docs, lines = 17, 17 + m, 17 + m + 2 * c, 17 + m + 2 * c + 2 * n
local k = 0
local counter
if n > 0 then counter = KEYS[1]; k = 1 end
local stateAt = k
k = k + n
-- A turn of another channel (/api/messages, Slack) keeps only state and transcript: no conversation here.
local dl = m > 0 or c > 0
local conversation, list, ids
local sequence = 0
if dl then
  conversation, list, ids = KEYS[k + 1], KEYS[k + 2], KEYS[k + 3]
  k = k + 3
  if redis.call('EXISTS', conversation) == 0 then return {0} end
  local dropped = tonumber(redis.call('HGET', conversation, 'dropped') or '0')
  sequence = dropped + redis.call('LLEN', list)
  if m > 0 and sequence ~= base then
    -- The same commit again (ioredis resending after a reconnect, its first reply lost): already kept.
    local first = base - dropped
    if first >= 0 and redis.call('LINDEX', list, first) == ARGV[activities] then return {3} end
    return {1}
  end
end
for i = 1, n do
  local expected = ARGV[docs + 2 * i - 1]
  if expected ~= '' and expected ~= '*' then
    local current = redis.call('HGET', KEYS[stateAt + i], 'etag')
    if current and current ~= expected then return {2, i} end
  end
end
for i = 1, n do
  local etag = tostring(redis.call('INCR', counter))
  redis.call('HSET', KEYS[stateAt + i], 'doc', ARGV[docs + 2 * i - 2], 'etag', etag)
  redis.call('PEXPIRE', KEYS[stateAt + i], stateTtl)
end
if m > 0 then
  local length = redis.call('RPUSH', list, unpack(ARGV, activities, activities + m - 1))
  local excess = length - tonumber(dlKept)
  if excess > 0 then
    redis.call('LTRIM', list, excess, -1)
    redis.call('HINCRBY', conversation, 'dropped', excess)
  end
end
for j = 0, c - 1 do redis.call('HSET', ids, ARGV[clients + 2 * j], ARGV[clients + 2 * j + 1]) end
if dl then for _, key in ipairs({conversation, list, ids}) do redis.call('PEXPIRE', key, dlTtl) end end
if t > 0 then
  local transcript, index, channels = KEYS[k + 1], KEYS[k + 2], KEYS[k + 3]
  redis.call('RPUSH', transcript, unpack(ARGV, lines, lines + t - 1))
  redis.call('LTRIM', transcript, -tonumber(linesKept), -1)
  redis.call('ZADD', index, now, conversationId)
  redis.call('ZREMRANGEBYSCORE', index, '-inf', '(' .. cutoff)
  redis.call('SADD', channels, lineChannel)
  for _, key in ipairs({transcript, index, channels}) do redis.call('PEXPIRE', key, linesTtl) end
end
if m > 0 then
  local json = table.concat({unpack(ARGV, activities, activities + m - 1)}, ',')
  redis.call('PUBLISH', dlChannel, '{"conversationId":' .. conversationJson .. ',"activities":[' .. json .. '],"watermark":' .. (sequence + m) .. '}')
end
return {3}
`,
);
