import { z } from 'zod';
import { HandoffRecordSchema, HandoffStateSchema, OPEN_STATES, type Agent, type HandoffChange, type HandoffQueue, type HandoffRecord, type HandoffRequest, type HandoffState } from '../../handoff/handoff-queue';
import { execOrThrow, type RedisConnection } from './redis-connection';
import { LuaScript } from './redis-lua-script';

/*
 * Layout: each request a hash, one field per record property holding that property's JSON (so a
 * change sets fields without decoding the record in Lua); a sorted set of waiting ids scored by
 * queuedAt; a set of active ids; a key per conversation (channel and id) with an open request,
 * holding its id; and a set per conversation id of all its request ids (to delete a conversation's
 * requests). Closed requests expire after `closedTtlMs`; open ones never do.
 *
 * Before issue 12 the open key named the conversation id alone (`handoff:open:<id>`). Such a key is
 * still read — only for a request of the channel asked about — and removed when its request closes,
 * so requests open across an upgrade keep working without a migration step.
 */

/**
 * Files a request unless the conversation already has an open one (the check and the filing are
 * one step, so two instances can't both file).
 * KEYS[1] the conversation's open key, KEYS[2] the new record, KEYS[3] waiting, KEYS[4] the conversation's ids.
 * ARGV: id, queuedAt, 1 if it waits (else 0), then field/value pairs.
 * Returns the id of the conversation's open request: the existing one, or the new one.
 */
const FILE_REQUEST = new LuaScript(
  'handoff-file',
  `
local existing = redis.call('GET', KEYS[1])
if existing then return existing end
for i = 4, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
if ARGV[3] == '1' then redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1]) end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[4], ARGV[1])
redis.call('PERSIST', KEYS[4])
return ARGV[1]
`,
);

/**
 * Compare-and-set on the state (and, when asked, the holder): applies the fields only if the
 * record's state is one of `from` and its agent is the one expected, then brings the indexes in line.
 * KEYS[1] the record, KEYS[2] waiting, KEYS[3] active, KEYS[4] the conversation's open key, KEYS[5] its ids,
 * KEYS[6] the open key as named before issue 12 (conversation id alone), removed when it still names this request.
 * ARGV: id, closed TTL ms, '1' to check the holder (else '0'), the expected agent id ('' for none),
 * number of `from` states n, the n states (JSON, as stored), then field/value pairs.
 * Returns the changed record (HGETALL), or nil when the record is missing, in another state or held by another.
 */
const TRANSITION = new LuaScript(
  'handoff-transition',
  `
local id = ARGV[1]
local n = tonumber(ARGV[5])
local current = redis.call('HGET', KEYS[1], 'state')
if not current then return nil end
local allowed = false
for i = 6, 5 + n do
  if ARGV[i] == current then allowed = true end
end
if not allowed then return nil end
if ARGV[3] == '1' then
  local agent = redis.call('HGET', KEYS[1], 'agent')
  local holder = ''
  if agent and agent ~= 'null' then holder = cjson.decode(agent).id end
  if holder ~= ARGV[4] then return nil end
end
for i = 6 + n, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
local state = redis.call('HGET', KEYS[1], 'state')
if state == '"waiting"' then
  redis.call('ZADD', KEYS[2], tonumber(redis.call('HGET', KEYS[1], 'queuedAt')), id)
else
  redis.call('ZREM', KEYS[2], id)
end
if state == '"active"' then redis.call('SADD', KEYS[3], id) else redis.call('SREM', KEYS[3], id) end
if state == '"waiting"' or state == '"active"' or state == '"external"' then
  redis.call('PERSIST', KEYS[1])
  redis.call('SET', KEYS[4], id, 'NX')
  redis.call('PERSIST', KEYS[5])
else
  if redis.call('GET', KEYS[4]) == id then redis.call('DEL', KEYS[4]) end
  if redis.call('GET', KEYS[6]) == id then redis.call('DEL', KEYS[6]) end
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  redis.call('PEXPIRE', KEYS[5], ARGV[2])
end
return redis.call('HGETALL', KEYS[1])
`,
);

/**
 * An accept on an agent's behalf within their capacity: counts the agent's active requests and, only
 * below `capacity`, runs the transition above — one script, so two instances assigning at once can't
 * both take an agent's last place. The load is read from the stored records (no counter to drift).
 * ARGV: agent id, capacity, the record key prefix, then the transition's ARGV; KEYS as the transition's.
 * Returns 'full' at capacity, else as the transition.
 */
const CLAIM = new LuaScript(
  'handoff-claim',
  `
local agentId = table.remove(ARGV, 1)
local capacity = tonumber(table.remove(ARGV, 1))
local prefix = table.remove(ARGV, 1)
if redis.call('HGET', KEYS[1], 'state') ~= '"waiting"' then return nil end
local load = 0
for _, other in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  local agent = redis.call('HGET', prefix .. other, 'agent')
  if agent and agent ~= 'null' and cjson.decode(agent).id == agentId then load = load + 1 end
end
if load >= capacity then return 'full' end
${TRANSITION.source}`,
);

/** What a change may set, checked before it reaches Redis. */
const HandoffChangeSchema = HandoffRecordSchema.pick({ state: true, waitingSince: true, acceptedAt: true, closedAt: true, agent: true, toldPosition: true, wrapUp: true }).partial();

const FieldsSchema = z.array(z.string());

export interface RedisHandoffOptions {
  /** How long a closed request stays readable (look-ups after the fact); open ones stay. */
  closedTtlMs: number;
  /** A stored record that doesn't parse is skipped and reported, never fatal. */
  onBadRecord?: (id: string, reason: string) => void;
}

/** The handoff queue shared by every instance; filing and every change are single Lua steps. */
export class RedisHandoffQueue implements HandoffQueue {
  private readonly onBadRecord: (id: string, reason: string) => void;

  constructor(
    private readonly redis: RedisConnection,
    private readonly options: RedisHandoffOptions,
  ) {
    this.onBadRecord = options.onBadRecord ?? (() => undefined);
  }

  async file(request: HandoffRequest, state: 'waiting' | 'external', at: number): Promise<HandoffRecord> {
    const existing = await this.openFor(request.channel, request.conversationId);
    if (existing) return existing;
    const sequence = await this.redis.run('handoff-id', (redis) => redis.incr(this.key('seq')));
    const record = HandoffRecordSchema.parse({ ...request, id: `h${sequence}-${at.toString(36)}`, state, filedAt: at, queuedAt: at, waitingSince: at, acceptedAt: null, closedAt: null, agent: null, toldPosition: null });
    const keys = [this.openKey(record.channel, record.conversationId), this.recordKey(record.id), this.key('waiting'), this.idsKey(record.conversationId)];
    const openId = z.string().parse(await this.redis.script(FILE_REQUEST, keys, [record.id, at, state === 'waiting' ? 1 : 0, ...encodeFields(record)]));
    if (openId === record.id) return record;
    // Another instance filed for this conversation in between: theirs stands.
    const theirs = await this.get(openId);
    if (!theirs) throw new Error(`handoff ${openId} is open for ${record.conversationId} but can't be read`);
    return theirs;
  }

  async get(id: string): Promise<HandoffRecord | undefined> {
    const fields = await this.redis.run('handoff-get', (redis) => redis.hgetall(this.recordKey(id)));
    return this.decode(id, Object.entries(fields));
  }

  async openFor(channel: string, conversationId: string): Promise<HandoffRecord | undefined> {
    const [id, legacyId] = await this.redis.run('handoff-open', (redis) => redis.mget(this.openKey(channel, conversationId), this.legacyOpenKey(conversationId)));
    if (id) return this.get(id);
    if (!legacyId) return undefined;
    // A request filed before issue 12: it is this conversation's only if it is on this channel.
    const legacy = await this.get(legacyId);
    return legacy && legacy.channel === channel && OPEN_STATES.includes(legacy.state) ? legacy : undefined;
  }

  async waiting(): Promise<HandoffRecord[]> {
    // The sorted set is in queue order (queuedAt), which the records keep when handed back.
    const ids = await this.redis.run('handoff-waiting', (redis) => redis.zrange(this.key('waiting'), 0, -1));
    // Ties in queuedAt go by filing order (Redis would order equal scores by id text: h10 before h9).
    return (await this.getMany(ids)).filter((r) => r.state === 'waiting').sort((a, b) => a.queuedAt - b.queuedAt || filingOrder(a.id) - filingOrder(b.id));
  }

  async assignedTo(agentId: string): Promise<HandoffRecord[]> {
    const ids = await this.redis.run('handoff-active', (redis) => redis.smembers(this.key('active')));
    const records = await this.getMany(ids);
    return records.filter((r) => r.state === 'active' && r.agent?.id === agentId).sort((a, b) => filingOrder(a.id) - filingOrder(b.id));
  }

  async transition(id: string, from: readonly HandoffState[], change: HandoffChange, expectedAgentId?: string | null): Promise<HandoffRecord | undefined> {
    // The conversation id never changes, so reading it first to name the keys is safe; state and holder are checked again in the script.
    const record = await this.get(id);
    if (!record || !from.includes(record.state)) return undefined;
    const holder = expectedAgentId === undefined ? ['0', ''] : ['1', expectedAgentId ?? ''];
    const keys = [this.recordKey(id), this.key('waiting'), this.key('active'), this.openKey(record.channel, record.conversationId), this.idsKey(record.conversationId), this.legacyOpenKey(record.conversationId)];
    const fromStates = from.map((state) => JSON.stringify(HandoffStateSchema.parse(state)));
    const reply = await this.redis.script(TRANSITION, keys, [id, this.options.closedTtlMs, ...holder, fromStates.length, ...fromStates, ...encodeFields(HandoffChangeSchema.parse(change))]);
    return reply === null ? undefined : this.decode(id, pairs(FieldsSchema.parse(reply)));
  }

  async claim(id: string, agent: Agent, at: number, capacity: number): Promise<HandoffRecord | 'full' | undefined> {
    const record = await this.get(id);
    if (!record || record.state !== 'waiting') return undefined;
    const keys = [this.recordKey(id), this.key('waiting'), this.key('active'), this.openKey(record.channel, record.conversationId), this.idsKey(record.conversationId), this.legacyOpenKey(record.conversationId)];
    const change = encodeFields(HandoffChangeSchema.parse({ state: 'active', agent, acceptedAt: at }));
    const reply = await this.redis.script(CLAIM, keys, [agent.id, capacity, this.recordKey(''), id, this.options.closedTtlMs, '0', '', 1, JSON.stringify('waiting'), ...change]);
    if (reply === 'full') return 'full';
    return reply === null ? undefined : this.decode(id, pairs(FieldsSchema.parse(reply)));
  }

  /** Forgets every request of a conversation, open or closed (a person's request to delete their data). */
  async deleteConversation(conversationId: string): Promise<void> {
    const ids = await this.redis.run('handoff-conversation', (redis) => redis.smembers(this.idsKey(conversationId)));
    const records = await this.getMany(ids);
    await this.redis.run('handoff-delete', async (redis) => {
      const removal = redis.multi();
      for (const id of ids) removal.del(this.recordKey(id)).zrem(this.key('waiting'), id).srem(this.key('active'), id);
      for (const channel of new Set(records.map((r) => r.channel))) removal.del(this.openKey(channel, conversationId));
      removal.del(this.legacyOpenKey(conversationId), this.idsKey(conversationId));
      await execOrThrow(removal.exec());
    });
  }

  private async getMany(ids: readonly string[]): Promise<HandoffRecord[]> {
    const rows = await this.redis.run('handoff-get', (redis) => Promise.all(ids.map((id) => redis.hgetall(this.recordKey(id)))));
    return ids.flatMap((id, i) => this.decode(id, Object.entries(rows[i] ?? {})) ?? []);
  }

  /** A record from its fields (each a JSON value), parsed; undefined when missing or unreadable. */
  private decode(id: string, fields: ReadonlyArray<readonly [string, string]>): HandoffRecord | undefined {
    if (fields.length === 0) return undefined;
    try {
      return HandoffRecordSchema.parse(Object.fromEntries(fields.map(([name, json]) => [name, JSON.parse(json) as unknown])));
    } catch (err) {
      this.onBadRecord(id, err instanceof Error ? err.message.slice(0, 200) : 'unreadable');
      return undefined;
    }
  }

  private key(name: string): string {
    return this.redis.key('handoff', name);
  }

  private recordKey(id: string): string {
    return this.redis.key('handoff', 'record', id);
  }

  /** The channel is encoded, so no channel id can reach into the conversation id part (both may hold ':'). */
  private openKey(channel: string, conversationId: string): string {
    return this.redis.key('handoff', 'open-on', encodeURIComponent(channel), conversationId);
  }

  /** The open key before issue 12: read and cleaned up, never written. */
  private legacyOpenKey(conversationId: string): string {
    return this.redis.key('handoff', 'open', conversationId);
  }

  private idsKey(conversationId: string): string {
    return this.redis.key('handoff', 'conversation', conversationId);
  }
}

/** The sequence number in an id "h<sequence>-<time>". */
function filingOrder(id: string): number {
  return Number(/^h(\d+)-/.exec(id)?.[1] ?? Number.MAX_SAFE_INTEGER);
}

/** Field/value pairs for HSET: each property's JSON; properties left undefined are not set. */
function encodeFields(values: Record<string, unknown>): string[] {
  return Object.entries(values).flatMap(([name, value]) => (value === undefined ? [] : [name, JSON.stringify(value)]));
}

/** HGETALL's flat reply as pairs. */
function pairs(flat: readonly string[]): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) result.push([flat[i]!, flat[i + 1]!]);
  return result;
}
