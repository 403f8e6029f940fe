package io.greenhub.redis;

import io.greenhub.redis.Scripts.Script;

/**
 * The Lua scripts of a {@link RedisEvent}.
 */
final class EventScripts {

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

	private EventScripts() {
	}

}
