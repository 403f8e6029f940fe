package io.greenhub.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Lua scripts that make each operation atomic in Redis, run with EVALSHA (EVAL when
 * Redis has forgotten them, after a restart). Times are Redis's own clock ({@code TIME}),
 * so the clocks of the instances do not matter.
 */
final class Scripts {

	private static final String NOW = """
			local t = redis.call('TIME')
			local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
			""";

	/**
	 * Waiters recorded in Redis: a sorted set of waiter ids scored by the time their
	 * record expires, so that a release, a put or a taskDone publishes a wake-up only
	 * when someone waits. A waiter records itself in the very script that found nothing
	 * for it (so no wake-up can fall between its look and its record), for longer than it
	 * parks before it looks again; the script that serves it at last removes its record.
	 * A waiter that crashed or gave up is purged once its record expires; until then it
	 * only costs a message.
	 */
	private static final String WAITERS = """
			local function clock()
			  local t = redis.call('TIME')
			  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
			end
			local function record(waiters, id, ms)
			  if id == '' then return end
			  redis.call('ZADD', waiters, clock() + ms, id)
			  if redis.call('PTTL', waiters) < ms then redis.call('PEXPIRE', waiters, ms) end
			end
			local function served(waiters, id, recorded)
			  if recorded == '1' then redis.call('ZREM', waiters, id) end
			end
			local function wake(waiters, channel)
			  if redis.call('ZCARD', waiters) == 0 then return 0 end
			  redis.call('ZREMRANGEBYSCORE', waiters, '-inf', clock())
			  if redis.call('ZCARD', waiters) == 0 then return 0 end
			  redis.call('PUBLISH', channel, '1')
			  return 1
			end
			""";

	/**
	 * KEYS: holders (a sorted set of lease ids by expiry), fence (the token counter),
	 * waiters. ARGV: permits, lease in ms, lease id, waiter id ('' for one that does not
	 * wait), whether the waiter is recorded ('1') already, how long a waiter's record
	 * lasts in ms past the first lease's expiry. Answers {1, token, held, purged, 0} when
	 * granted, else {0, 0, held, purged, ms until the first lease expires}, having
	 * recorded the waiter. Expired leases are purged only when they would hold the
	 * semaphore full: below its permits they stand in no one's way, so an acquire that
	 * finds room costs TIME, ZCARD, ZADD, PEXPIRE and INCR. The key's time to live is
	 * never shortened (GT), so it outlasts its longest lease.
	 */
	static final Script ACQUIRE = new Script(WAITERS + NOW
			+ """
					local held = redis.call('ZCARD', KEYS[1])
					local permits = tonumber(ARGV[1])
					local purged = 0
					if held >= permits then
					  purged = redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
					  held = held - purged
					end
					local lease = tonumber(ARGV[2])
					if held < permits then
					  redis.call('ZADD', KEYS[1], now + lease, ARGV[3])
					  -- an empty set is no key: the one just made has no time to live to keep
					  if held == 0 then redis.call('PEXPIRE', KEYS[1], lease) else redis.call('PEXPIRE', KEYS[1], lease, 'GT') end
					  served(KEYS[3], ARGV[4], ARGV[5])
					  return {1, redis.call('INCR', KEYS[2]), held + 1, purged, 0}
					end
					local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
					local wait = tonumber(first[2]) - now
					-- the waiter parks until the first lease expires at most: its record outlasts that
					record(KEYS[3], ARGV[4], math.max(0, wait) + tonumber(ARGV[6]))
					return {0, 0, held, purged, wait}
					""");

	/**
	 * KEYS: holders, waiters. ARGV: lease id, channel. Answers {1, woken} for a lease
	 * released in time, {0, woken} for one that had expired (and is removed all the
	 * same); when one left and someone waits, publishes and answers woken 1.
	 */
	static final Script RELEASE = new Script(WAITERS + """
			local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
			if not score then return {0, 0} end
			redis.call('ZREM', KEYS[1], ARGV[1])
			local woken = wake(KEYS[2], ARGV[2])
			if tonumber(score) <= clock() then return {0, woken} end
			return {1, woken}
			""");

	/**
	 * KEYS: holders. ARGV: lease in ms, then lease ids. Answers 1 for each lease renewed,
	 * 0 for each that had expired already.
	 */
	static final Script RENEW = new Script(NOW + """
			local lease = tonumber(ARGV[1])
			local out = {}
			local renewed = false
			for i = 2, #ARGV do
			  local s = redis.call('ZSCORE', KEYS[1], ARGV[i])
			  if s and tonumber(s) > now then
			    redis.call('ZADD', KEYS[1], 'XX', now + lease, ARGV[i])
			    renewed = true
			    out[#out + 1] = 1
			  else
			    out[#out + 1] = 0
			  end
			end
			if renewed then redis.call('PEXPIRE', KEYS[1], lease, 'GT') end
			return out
			""");

	/**
	 * KEYS: stream, takers, putters. ARGV: capacity, value, channel for puts, putter id
	 * ('' for one that does not wait), whether it is recorded ('1'), how long a record
	 * lasts in ms. Answers {1, length, id} when added, publishing if a taker waits, else
	 * {0, length}, having recorded the putter.
	 */
	static final Script PUT = new Script(WAITERS + """
			local len = redis.call('XLEN', KEYS[1])
			if len >= tonumber(ARGV[1]) then
			  record(KEYS[3], ARGV[4], tonumber(ARGV[6]))
			  return {0, len}
			end
			local id = redis.call('XADD', KEYS[1], '*', 'v', ARGV[2])
			served(KEYS[3], ARGV[4], ARGV[5])
			wake(KEYS[2], ARGV[3])
			return {1, len + 1, id}
			""");

	/**
	 * KEYS: stream, dead-letter stream, takers, putters. ARGV: group, consumer,
	 * visibility timeout in ms, most deliveries, channel for room, taker id ('' for one
	 * that does not wait), whether it is recorded ('1'), how long a record lasts in ms,
	 * whether to look for entries to reclaim ('1', or absent), the pending entry list's
	 * cursor to look from. When told to, reclaims an entry idle past the visibility
	 * timeout first (one delivered too often goes to the dead letters instead, and a
	 * waiting putter is told of the room), looking at 160 pending entries at most; else,
	 * or when there is none, reads a new one. Answers {1, id, value, deliveries, dead
	 * letters, cursor} or {0, dead letters, length, cursor}, having recorded the taker;
	 * the cursor is '0-0' once the look has reached the end of the pending entries, else
	 * where the next look goes on (and absent when it did not look).
	 */
	static final Script TAKE = new Script(WAITERS + """
			local function group()
			  redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
			end
			local dead = 0
			local cursor = ARGV[10]
			if ARGV[9] == '1' then
			  for _ = 1, 16 do
			    local claimed = redis.pcall('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], cursor, 'COUNT', 1)
			    if claimed['err'] then group() cursor = '0-0' break end
			    cursor = claimed[1]
			    local entry = claimed[2][1]
			    if entry then
			      local id = entry[1]
			      local pending = redis.call('XPENDING', KEYS[1], ARGV[1], id, id, 1)
			      local deliveries = pending[1][4]
			      local value = entry[2][2]
			      if deliveries <= tonumber(ARGV[4]) then
			        if dead > 0 then wake(KEYS[4], ARGV[5]) end
			        served(KEYS[3], ARGV[6], ARGV[7])
			        return {1, id, value, deliveries, dead, cursor}
			      end
			      redis.call('XADD', KEYS[2], '*', 'v', value, 'id', id, 'deliveries', deliveries)
			      redis.call('XACK', KEYS[1], ARGV[1], id)
			      redis.call('XDEL', KEYS[1], id)
			      dead = dead + 1
			    end
			    if cursor == '0-0' then break end
			  end
			  if dead > 0 then wake(KEYS[4], ARGV[5]) end
			end
			local read = redis.pcall('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', 1, 'STREAMS', KEYS[1], '>')
			if type(read) == 'table' and read['err'] then
			  group()
			  read = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', 1, 'STREAMS', KEYS[1], '>')
			end
			if read then
			  local entry = read[1][2][1]
			  served(KEYS[3], ARGV[6], ARGV[7])
			  return {1, entry[1], entry[2][2], 1, dead, cursor}
			end
			record(KEYS[3], ARGV[6], tonumber(ARGV[8]))
			return {0, dead, redis.call('XLEN', KEYS[1]), cursor}
			""");

	/**
	 * KEYS: stream, putters. ARGV: group, id, channel for room. Acknowledges and deletes
	 * the entry, publishes the room made if a putter waits. Answers {acknowledged,
	 * deleted}: 0 if another consumer had acknowledged it already, or it was gone.
	 */
	static final Script DONE = new Script(WAITERS + """
			local acked = redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
			local deleted = redis.call('XDEL', KEYS[1], ARGV[2])
			wake(KEYS[2], ARGV[3])
			return {acked, deleted}
			""");

	/**
	 * KEYS: stream. ARGV: group, consumer, then ids. Resets the idle time of each entry
	 * still pending with this consumer, so no one reclaims it; answers 1 for each, 0 for
	 * each that another consumer holds now or that is gone.
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
	 * KEYS: the event's value, its version. ARGV: the stored form, time to live in ms,
	 * channel. Sets the value unless one is there, counts a version and publishes
	 * {@code <version>:<stored form>}: answers {1, version}, or {0, the version, the
	 * value there}.
	 */
	static final Script SEND = new Script("""
			if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
			  local version = redis.call('INCR', KEYS[2])
			  redis.call('PUBLISH', ARGV[3], version .. ':' .. ARGV[1])
			  return {1, version}
			end
			return {0, tonumber(redis.call('GET', KEYS[2]) or '0'), redis.call('GET', KEYS[1])}
			""");

	/**
	 * KEYS: the event's value, its version. ARGV: channel. Deletes the value, counts a
	 * version and publishes {@code <version>:}, the reset. Answers {deleted, version}.
	 */
	static final Script RESET = new Script("""
			local deleted = redis.call('DEL', KEYS[1])
			local version = redis.call('INCR', KEYS[2])
			redis.call('PUBLISH', ARGV[1], version .. ':')
			return {deleted, version}
			""");

	/**
	 * KEYS: the event's value, its version. Answers {version, the value or nil}.
	 */
	static final Script LOOK = new Script("""
			return {tonumber(redis.call('GET', KEYS[2]) or '0'), redis.call('GET', KEYS[1])}
			""");

	private Scripts() {
	}

	/**
	 * A script and its SHA-1, by which EVALSHA names it.
	 *
	 * @param source the Lua source
	 * @param sha its SHA-1 in hex
	 */
	record Script(String source, String sha) {

		Script(String source) {
			this(source, sha1(source));
		}

		private static String sha1(String source) {
			try {
				return HexFormat.of()
					.formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
