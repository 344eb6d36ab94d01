-- A generation slot taken under a provisional member learns its job id (see RedisLimitStore).
-- KEYS[1] the account's slots (score = expiry)   KEYS[2] its finished jobs (score = forget at)
-- ARGV[1] now (ms)   ARGV[2] provisional member   ARGV[3] job id
-- Returns 1 if the slot now carries the job id, 0 if it is gone (expired, or the job had already
-- finished: its completion arrived before its id did, so the slot is freed at once).
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
local expiry = redis.call('ZSCORE', KEYS[1], ARGV[2])
if not expiry then
  return 0
end
redis.call('ZREM', KEYS[1], ARGV[2])
if redis.call('ZREM', KEYS[2], ARGV[3]) == 1 then
  return 0
end
redis.call('ZADD', KEYS[1], expiry, ARGV[3])
return 1
