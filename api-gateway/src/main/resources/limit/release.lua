-- Frees a generation slot (see RedisLimitStore).
-- KEYS[1] the account's slots   KEYS[2] its finished jobs (score = forget at)
-- ARGV[1] now (ms)   ARGV[2] job id or provisional member   ARGV[3] remember until (ms), 0: do not
-- Returns 1 if a slot was freed. Otherwise, when asked, remembers the job as finished so that a
-- bind arriving later frees its slot instead of keeping it until it expires.
if redis.call('ZREM', KEYS[1], ARGV[2]) == 1 then
  return 1
end
local until_ = tonumber(ARGV[3])
if until_ > 0 then
  local now = tonumber(ARGV[1])
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
  redis.call('ZADD', KEYS[2], until_, ARGV[2])
  redis.call('PEXPIRE', KEYS[2], until_ - now)
end
return 0
