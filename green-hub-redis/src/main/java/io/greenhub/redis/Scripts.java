package io.greenhub.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Lua scripts that make each operation atomic in Redis, run with EVALSHA (EVAL when Redis has
 * forgotten them, after a restart). Times are Redis's own clock ({@code TIME}), so the clocks of
 * the instances do not matter.
 */
final class Scripts {

	private static final String NOW = """
			local t = redis.call('TIME')
			local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
			""";

	/**
	 * KEYS: holders (a sorted set of lease ids by expiry), fence (the token counter). ARGV:
	 * permits, lease in ms, lease id. Answers {1, token, held, purged, 0} when granted, else
	 * {0, 0, held, purged, ms until the first lease expires}.
	 */
	static final Script ACQUIRE = new Script(NOW + """
			local purged = redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
			local held = redis.call('ZCARD', KEYS[1])
			local lease = tonumber(ARGV[2])
			if held < tonumber(ARGV[1]) then
			  redis.call('ZADD', KEYS[1], now + lease, ARGV[3])
			  if redis.call('PTTL', KEYS[1]) < lease then redis.call('PEXPIRE', KEYS[1], lease) end
			  return {1, redis.call('INCR', KEYS[2]), held + 1, purged, 0}
			end
			local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
			return {0, 0, held, purged, tonumber(first[2]) - now}
			""");

	/**
	 * KEYS: holders. ARGV: lease id, channel. Answers {1, held} for a lease released in time,
	 * {0, held} for one that had expired (and is removed all the same); publishes when one left.
	 */
	static final Script RELEASE = new Script(NOW + """
			local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
			if not score then return {0, redis.call('ZCARD', KEYS[1])} end
			redis.call('ZREM', KEYS[1], ARGV[1])
			redis.call('PUBLISH', ARGV[2], '1')
			if tonumber(score) <= now then return {0, redis.call('ZCARD', KEYS[1])} end
			return {1, redis.call('ZCARD', KEYS[1])}
			""");

	/**
	 * KEYS: holders. ARGV: lease in ms, then lease ids. Answers 1 for each lease renewed, 0 for
	 * each that had expired already.
	 */
	static final Script RENEW = new Script(NOW + """
			local lease = tonumber(ARGV[1])
			local out = {}
			for i = 2, #ARGV do
			  local s = redis.call('ZSCORE', KEYS[1], ARGV[i])
			  if s and tonumber(s) > now then
			    redis.call('ZADD', KEYS[1], 'XX', now + lease, ARGV[i])
			    out[#out + 1] = 1
			  else
			    out[#out + 1] = 0
			  end
			end
			local ttl = redis.call('PTTL', KEYS[1])
			if ttl ~= -2 and ttl < lease then redis.call('PEXPIRE', KEYS[1], lease) end
			return out
			""");

	/**
	 * KEYS: stream. ARGV: capacity, value, channel. Answers {1, length, id} when added, else
	 * {0, length}; publishes when added.
	 */
	static final Script PUT = new Script("""
			local len = redis.call('XLEN', KEYS[1])
			if len >= tonumber(ARGV[1]) then return {0, len} end
			local id = redis.call('XADD', KEYS[1], '*', 'v', ARGV[2])
			redis.call('PUBLISH', ARGV[3], '1')
			return {1, len + 1, id}
			""");

	/**
	 * KEYS: stream, dead-letter stream. ARGV: group, consumer, visibility timeout in ms, most
	 * deliveries, channel for room. Reclaims an entry idle past the visibility timeout first (one
	 * delivered too often goes to the dead letters instead), else reads a new one. Answers
	 * {1, id, value, deliveries, dead letters, length} or {0, dead letters, length}.
	 */
	static final Script TAKE = new Script("""
			local function group()
			  redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
			end
			local dead = 0
			local cursor = '0-0'
			for _ = 1, 16 do
			  local claimed = redis.pcall('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], cursor, 'COUNT', 1)
			  if claimed['err'] then group() break end
			  cursor = claimed[1]
			  local entry = claimed[2][1]
			  if not entry then break end
			  local id = entry[1]
			  local pending = redis.call('XPENDING', KEYS[1], ARGV[1], id, id, 1)
			  local deliveries = pending[1][4]
			  local value = entry[2][2]
			  if deliveries > tonumber(ARGV[4]) then
			    redis.call('XADD', KEYS[2], '*', 'v', value, 'id', id, 'deliveries', deliveries)
			    redis.call('XACK', KEYS[1], ARGV[1], id)
			    redis.call('XDEL', KEYS[1], id)
			    dead = dead + 1
			  else
			    if dead > 0 then redis.call('PUBLISH', ARGV[5], '1') end
			    return {1, id, value, deliveries, dead, redis.call('XLEN', KEYS[1])}
			  end
			  if cursor == '0-0' then break end
			end
			if dead > 0 then redis.call('PUBLISH', ARGV[5], '1') end
			local read = redis.pcall('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', 1, 'STREAMS', KEYS[1], '>')
			if type(read) == 'table' and read['err'] then
			  group()
			  read = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', 1, 'STREAMS', KEYS[1], '>')
			end
			if read then
			  local entry = read[1][2][1]
			  return {1, entry[1], entry[2][2], 1, dead, redis.call('XLEN', KEYS[1])}
			end
			return {0, dead, redis.call('XLEN', KEYS[1])}
			""");

	/**
	 * KEYS: stream. ARGV: group, id, channel for room. Acknowledges and deletes the entry,
	 * publishes the room made. Answers {acknowledged, length}: 0 if another consumer had
	 * acknowledged it already.
	 */
	static final Script DONE = new Script("""
			local acked = redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
			redis.call('XDEL', KEYS[1], ARGV[2])
			redis.call('PUBLISH', ARGV[3], '1')
			return {acked, redis.call('XLEN', KEYS[1])}
			""");

	/**
	 * KEYS: stream. ARGV: group, consumer, then ids. Resets the idle time of each entry still
	 * pending with this consumer, so no one reclaims it; answers 1 for each, 0 for each that another
	 * consumer holds now or that is gone.
	 */
	static final Script TOUCH = new Script("""
			local out = {}
			for i = 3, #ARGV do
			  local p = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)
			  if p[1] and p[1][2] == ARGV[2] then
			    redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[i], 'JUSTID')
			    out[#out + 1] = 1
			  else
			    out[#out + 1] = 0
			  end
			end
			return out
			""");

	/**
	 * KEYS: the event's value. ARGV: the stored form, time to live in ms, channel. Sets the value
	 * unless one is there and publishes it: answers {1}, or {0, the value there}.
	 */
	static final Script SEND = new Script("""
			if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
			  redis.call('PUBLISH', ARGV[3], ARGV[1])
			  return {1}
			end
			return {0, redis.call('GET', KEYS[1])}
			""");

	/**
	 * KEYS: the event's value. ARGV: channel. Deletes the value and publishes the empty string, the
	 * reset. Answers {deleted}.
	 */
	static final Script RESET = new Script("""
			local deleted = redis.call('DEL', KEYS[1])
			redis.call('PUBLISH', ARGV[1], '')
			return {deleted}
			""");

	private Scripts() {
	}

	/**
	 * A script and its SHA-1, by which EVALSHA names it.
	 * @param source the Lua source
	 * @param sha its SHA-1 in hex
	 */
	record Script(String source, String sha) {

		Script(String source) {
			this(source, sha1(source));
		}

		private static String sha1(String source) {
			try {
				return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
