-- One admission decision, in one or two stages (see RedisLimitStore for the algorithm and why).
-- KEYS[1..n]  sliding-window logs: member = one request, score = its time (ms)
-- KEYS[n+1]   only when ARGV[4] > 0: the account's generation slots, score = expiry (ms)
-- ARGV[1] now (ms, from the caller: tests move time without sleeping)   ARGV[2] window (ms)
-- ARGV[3] member naming this request   ARGV[4] slot limit, 0 for none   ARGV[5] slot expiry (ms)
-- ARGV[6] s, the first stage: logs 1..s are decided first, all or nothing, and once admitted stay
--         counted whatever the second stage decides; logs s+1..n and the slot are decided only if
--         the first stage admitted. 0: one stage, everything all or nothing.
-- ARGV[5 + 2i], ARGV[6 + 2i]: log i's limit and cost (1 counts this request, 0 only looks)
-- Returns {denied, active slots, count 1, oldest 1, ..., count n, oldest n}: denied is 0 when
-- admitted, i when log i is full, n + 1 when every slot is taken. Counts include this request if
-- admitted; a log of a stage that was not reached reports count 0. Oldest, the earliest score still
-- in the window (-1 if none), only for the log the caller reports: the one that refused, else the
-- first of the last stage; -1 for the others.
-- Every redis.call costs about a microsecond of Redis CPU, more than most of these commands do:
-- hence no trimming of logs that are only looked at, and one oldest instead of n.
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local member = ARGV[3]
local slotLimit = tonumber(ARGV[4])
local firstStage = tonumber(ARGV[6])
local n = #KEYS
if slotLimit > 0 then
  n = n - 1
end

local counts = {}
local active = 0

-- Decides logs first..last (and the slot if asked), all or nothing; counts them if admitted.
local function decide(first, last, withSlot)
  local denied = 0
  for i = first, last do
    -- A request at t counts in (now - window, now]: it leaves the window exactly one window later.
    if tonumber(ARGV[6 + 2 * i]) > 0 then
      -- Counted here: drop what left the window, so a log never holds more than one window.
      redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
      counts[i] = redis.call('ZCARD', KEYS[i])
    else
      -- Only looked at: the requests that count in it trim it.
      counts[i] = redis.call('ZCOUNT', KEYS[i], '(' .. (now - window), '+inf')
    end
    if denied == 0 and counts[i] >= tonumber(ARGV[5 + 2 * i]) then
      denied = i
    end
  end
  if withSlot then
    redis.call('ZREMRANGEBYSCORE', KEYS[n + 1], '-inf', now)
    active = redis.call('ZCARD', KEYS[n + 1])
    if denied == 0 and active >= slotLimit then
      denied = n + 1
    end
  end
  if denied == 0 then
    for i = first, last do
      if tonumber(ARGV[6 + 2 * i]) > 0 then
        redis.call('ZADD', KEYS[i], now, member)
        redis.call('PEXPIRE', KEYS[i], window)
        counts[i] = counts[i] + 1
      end
    end
    if withSlot then
      local expiry = tonumber(ARGV[5])
      redis.call('ZADD', KEYS[n + 1], expiry, member)
      redis.call('PEXPIRE', KEYS[n + 1], expiry - now)
      active = active + 1
    end
  end
  return denied
end

local denied = 0
if firstStage > 0 then
  denied = decide(1, firstStage, false)
end
if denied == 0 then
  denied = decide(firstStage + 1, n, slotLimit > 0)
end

local reported = firstStage + 1
if denied >= 1 and denied <= n then
  reported = denied
end
local result = {denied, active}
for i = 1, n do
  result[#result + 1] = counts[i] or 0
  if i == reported then
    local first
    if tonumber(ARGV[6 + 2 * i]) > 0 or counts[i] == nil then
      first = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES') -- trimmed above
    else
      first = redis.call('ZRANGEBYSCORE', KEYS[i], '(' .. (now - window), '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
    end
    result[#result + 1] = first[2] and tonumber(first[2]) or -1
  else
    result[#result + 1] = -1
  end
end
return result
