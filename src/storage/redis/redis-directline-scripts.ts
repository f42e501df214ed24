import { LuaScript } from './redis-lua-script';

// The embedded Direct Line's scripts on Redis (RedisDirectLineStore): each runs atomically, so
// instances appending, reading and claiming at once agree on ids, order and claims.

/**
 * Appends an activity: its sequence number is the activities kept plus those dropped, the JSON is
 * completed with its id here (so ids and list order agree however many instances append at once),
 * the list is trimmed to `kept` with the `dropped` counter going up, the conversation's keys are
 * kept alive, and the activity is published — inside the script, so listeners hear appends in order.
 * KEYS[1] the conversation hash, KEYS[2] its activities, KEYS[3] its client ids.
 * ARGV: JSON head (up to the sequence digits), JSON tail (after them), kept, TTL ms, channel,
 * the conversation id as JSON.
 * Returns {sequence, activity JSON}, or nil when there is no such conversation.
 */
export const APPEND_ACTIVITY = new LuaScript(
  'directline-append',
  `
if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
local dropped = tonumber(redis.call('HGET', KEYS[1], 'dropped') or '0')
local sequence = dropped + redis.call('LLEN', KEYS[2])
local json = ARGV[1] .. string.format('%07d', sequence) .. ARGV[2]
local length = redis.call('RPUSH', KEYS[2], json)
local excess = length - tonumber(ARGV[3])
if excess > 0 then
  redis.call('LTRIM', KEYS[2], excess, -1)
  redis.call('HINCRBY', KEYS[1], 'dropped', excess)
end
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[4]) end
redis.call('PUBLISH', ARGV[5], '{"conversationId":' .. ARGV[6] .. ',"activities":[' .. json .. '],"watermark":' .. (sequence + 1) .. '}')
return {sequence, json}
`,
);

/**
 * Activities after a watermark, read in one step so a concurrent trim can't shift them.
 * KEYS[1] the conversation hash, KEYS[2] its activities. ARGV: the watermark.
 * Returns {total, activities...}, or nil when there is no such conversation.
 */
export const ACTIVITIES_SINCE = new LuaScript(
  'directline-since',
  `
if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
local dropped = tonumber(redis.call('HGET', KEYS[1], 'dropped') or '0')
local length = redis.call('LLEN', KEYS[2])
local total = dropped + length
local from = math.max(0, math.min(tonumber(ARGV[1]), total) - dropped)
local result = {total}
if from < length then
  for _, json in ipairs(redis.call('LRANGE', KEYS[2], from, -1)) do result[#result + 1] = json end
end
return result
`,
);

/**
 * Claims a client activity id: the first claim marks it pending and gets nil; later ones get what
 * is there. KEYS[1] the conversation hash, KEYS[2] its client ids. ARGV: client id, pending marker, TTL ms.
 * Returns {0} when there is no such conversation, {1} for the first claim, {2, id} for later ones.
 */
export const CLAIM_CLIENT_ID = new LuaScript(
  'directline-claim',
  `
if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 1 then
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
  return {1}
end
return {2, redis.call('HGET', KEYS[2], ARGV[1])}
`,
);

/**
 * Frees a client id if it still holds the claim this instance made (pending, with its token): a
 * settled id stays, and so does another request's claim. KEYS[1] the client ids. ARGV: client id, the claim.
 */
export const RELEASE_CLIENT_ID = new LuaScript(
  'directline-release',
  `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end
return 0
`,
);

/**
 * Settles a claimed client id, if the conversation is still there (a deleted one stays deleted).
 * KEYS[1] the conversation hash, KEYS[2] its client ids. ARGV: client id, activity id, TTL ms.
 */
export const SETTLE_CLIENT_ID = new LuaScript(
  'directline-settle',
  `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1
`,
);
