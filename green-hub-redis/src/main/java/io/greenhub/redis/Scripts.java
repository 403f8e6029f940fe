package io.greenhub.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The Lua scripts that make each operation atomic in Redis, loaded when green-hub
 * connects (and again at each reconnect) and run with EVALSHA (EVAL when Redis has
 * forgotten them all the same). Times are Redis's own clock ({@code TIME}), so the clocks
 * of the instances do not matter (but for the semaphore's plain grant, see
 * {@link SemaphoreCommands}). Each script is written out whole, with no Lua function of
 * its own, so a call creates no closure; the snippets below write the parts several
 * share. The semaphore's are here, the queue's in {@link QueueScripts}, the event's in
 * {@link EventScripts}.
 *
 * <h2>Waiters</h2> Waiters recorded in Redis are a sorted set of waiter ids scored by the
 * time their record expires, so that a release, a put or a taskDone publishes a wake-up
 * only when someone waits. A waiter records itself in the very script that found nothing
 * for it (so no wake-up can fall between its look and its record), for longer than it
 * parks before it looks again; the script that serves it at last removes its record. A
 * waiter that crashed or gave up is purged once its record expires; until then it only
 * costs a message.
 */
final class Scripts {

	/**
	 * KEYS: holders (a sorted set of lease ids by expiry), fence (the token counter),
	 * waiters. ARGV: permits, lease in ms, lease id (also the waiter's id), the waiter:
	 * '0' for one that does not wait, '1' for one that waits and is not recorded, '2' for
	 * one recorded already. Answers {token, held, purged} when granted (a token is never
	 * 0), else {0, held, purged, ms until the first lease expires}, having recorded a
	 * waiter for that long plus a lease (past its longest park). Expired leases are
	 * purged only when they would hold the semaphore full: below its permits they stand
	 * in no one's way, so an acquire that finds room runs TIME, ZCARD, ZADD and INCR (and
	 * ZREM of its waiter's record, if it was recorded). The holders' set has no time to
	 * live: Redis deletes it with its last lease released, and a lease of a holder that
	 * died stays until an acquire that would find the semaphore full purges it.
	 */
	static final Script ACQUIRE = new Script("""
			local t = redis.call('TIME')
			local now = t[1] * 1000 + math.floor(t[2] / 1000)
			local held = redis.call('ZCARD', KEYS[1])
			local permits = tonumber(ARGV[1])
			local purged = 0
			if held >= permits then
			  purged = redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
			  held = held - purged
			end
			if held < permits then
			  redis.call('ZADD', KEYS[1], now + ARGV[2], ARGV[3])
			  if ARGV[4] == '2' then redis.call('ZREM', KEYS[3], ARGV[3]) end
			  return {redis.call('INCR', KEYS[2]), held + 1, purged}
			end
			local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
			local wait = tonumber(first[2]) - now
			if ARGV[4] ~= '0' then
			  local ms = math.max(0, wait) + ARGV[2]
			  redis.call('ZADD', KEYS[3], now + ms, ARGV[3])
			  if redis.call('PTTL', KEYS[3]) < ms then redis.call('PEXPIRE', KEYS[3], ms) end
			end
			return {0, held, purged, wait}
			""");

	/**
	 * KEYS: waiters. ARGV: channel. Purges the waiters' records that expired and, if one
	 * is left, publishes; answers 1 if it did. Sent by a release whose plain commands
	 * found records (see {@link SemaphoreCommands}): an uncontended release runs no
	 * script.
	 */
	static final Script WAKE = new Script("local woken = 0\n" + wake("KEYS[1]", "ARGV[1]", "woken") + "return woken\n");

	/**
	 * KEYS: holders. ARGV: lease in ms, then lease ids. Answers 1 for each lease renewed,
	 * 0 for each that had expired already.
	 */
	static final Script RENEW = new Script(now("now") + """
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
			return out
			""");

	/**
	 * KEYS: holders, fence. ARGV: lease id. Draws the fencing token of a lease granted by
	 * plain commands, which draw none (see {@link SemaphoreCommands}): answers {token} if
	 * the lease is in the set and has not expired by Redis's clock, else {0}.
	 */
	static final Script FENCE = new Script("local s = redis.call('ZSCORE', KEYS[1], ARGV[1])\n" + now("now") + """
			if s and tonumber(s) > now then
			  return {redis.call('INCR', KEYS[2])}
			end
			return {0}
			""");

	private Scripts() {
	}

	/** Every script, for SCRIPT LOAD. */
	static List<Script> all() {
		return List.of(ACQUIRE, WAKE, RENEW, FENCE, QueueScripts.PUT, QueueScripts.PUTS, QueueScripts.TAKE,
				QueueScripts.DONE, QueueScripts.TOUCH, EventScripts.SEND, EventScripts.RESET, EventScripts.LOOK);
	}

	/** Lua that sets the local {@code name} to Redis's clock in ms. */
	static String now(String name) {
		return "local t = redis.call('TIME')\nlocal " + name
				+ " = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n";
	}

	/**
	 * Lua that records the waiter {@code id} (unless it is '') in {@code waiters} for
	 * {@code ms}, and makes the set's time to live no shorter.
	 */
	static String record(String waiters, String id, String ms) {
		return "if " + id + " ~= '' then\n" + now("rt") + "redis.call('ZADD', " + waiters + ", rt + " + ms + ", " + id
				+ ")\nif redis.call('PTTL', " + waiters + ") < " + ms + " then redis.call('PEXPIRE', " + waiters + ", "
				+ ms + ") end\nend\n";
	}

	/** Lua that removes the record of a waiter served, if it was recorded ('1'). */
	static String served(String waiters, String id, String recorded) {
		return "if " + recorded + " == '1' then redis.call('ZREM', " + waiters + ", " + id + ") end\n";
	}

	/**
	 * Lua that publishes on {@code channel} if a waiter's record is there, purging the
	 * records that expired first, and sets the local {@code woken} to 1 if it did.
	 */
	static String wake(String waiters, String channel, String woken) {
		return "if redis.call('ZCARD', " + waiters + ") > 0 then\n" + now("wt") + "redis.call('ZREMRANGEBYSCORE', "
				+ waiters + ", '-inf', wt)\nif redis.call('ZCARD', " + waiters + ") > 0 then\nredis.call('PUBLISH', "
				+ channel + ", '1')\n" + woken + " = 1\nend\nend\n";
	}

	/**
	 * A script and its SHA-1, by which EVALSHA names it. Immutable.
	 */
	static final class Script {

		private final String source;

		private final String sha;

		// the SHA-1 as EVALSHA sends it: encoded once, never written to
		private final byte[] shaBytes;

		Script(String source) {
			this.source = source;
			this.sha = sha1(source);
			this.shaBytes = this.sha.getBytes(StandardCharsets.US_ASCII);
		}

		/** The Lua source. */
		String source() {
			return this.source;
		}

		/** Its SHA-1 in hex. */
		String sha() {
			return this.sha;
		}

		/** Its SHA-1 in hex as US-ASCII bytes, shared: not to be written to. */
		byte[] shaBytes() {
			return this.shaBytes;
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
