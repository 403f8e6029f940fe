package io.greenhub.redis;

import io.greenhub.redis.Scripts.Script;

/**
 * The Lua scripts of a {@link RedisQueue} (see {@link Scripts} for the waiters' records).
 * A take that waits for nobody and looks for no entry to reclaim runs no script: it is a
 * plain XREADGROUP.
 */
final class QueueScripts {

	/**
	 * KEYS: stream, takers, putters. ARGV: capacity, value, channel for puts, putter id
	 * ('' for one that does not wait), whether it is recorded ('1'), how long a record
	 * lasts in ms, and when it carries acknowledgements: the group, the channel for room,
	 * the ids done. Acknowledges and deletes those first (publishing the room made if the
	 * stream was full, the only time a putter waits, and one is recorded), then adds the
	 * value unless the stream is full. Answers {1, length, deleted, ids acknowledged
	 * already by another consumer...} when added, publishing if a taker waits, else {0,
	 * length, deleted, ids...}, having recorded the putter.
	 */
	static final Script PUT = new Script("""
			local out = {0, 0, 0}
			local woken = 0
			local len = redis.call('XLEN', KEYS[1])
			local capacity = tonumber(ARGV[1])
			if #ARGV > 8 then
			""" + acknowledge("KEYS[1]", "ARGV[7]", "9") + """
			  out[3] = deleted
			  -- a putter waits only while the stream is full: room for one only if it was
			  if deleted > 0 and len >= capacity then
			""" + Scripts.wake("KEYS[3]", "ARGV[8]", "woken") + """
			  end
			  len = len - deleted
			end
			out[2] = len
			if len >= capacity then
			  local ms = tonumber(ARGV[6])
			""" + Scripts.record("KEYS[3]", "ARGV[4]", "ms") + """
			  return out
			end
			redis.call('XADD', KEYS[1], '*', 'v', ARGV[2])
			""" + Scripts.served("KEYS[3]", "ARGV[4]", "ARGV[5]") + Scripts.wake("KEYS[2]", "ARGV[3]", "woken") + """
			out[1] = 1
			out[2] = len + 1
			return out
			""");

	/**
	 * KEYS: stream, takers, putters. ARGV: capacity, channel for puts, how many values
	 * (n), the n values, and when it carries acknowledgements: the group, the channel for
	 * room, the ids done. The puts of several threads of one instance in one script (see
	 * {@link Puts}), none of them recorded: acknowledges and deletes the ids first, as
	 * {@link #PUT} does, then adds the values in their order while the stream has room.
	 * Answers {added, length, deleted, ids acknowledged already by another consumer...},
	 * having published if it added any and a taker waits; the putters of the values not
	 * added try again with {@link #PUT}, which records them.
	 */
	static final Script PUTS = new Script("""
			local out = {0, 0, 0}
			local woken = 0
			local len = redis.call('XLEN', KEYS[1])
			local capacity = tonumber(ARGV[1])
			local n = tonumber(ARGV[3])
			local acks = n + 4
			if #ARGV > acks + 1 then
			""" + acknowledge("KEYS[1]", "ARGV[acks]", "acks + 2") + """
			  out[3] = deleted
			  if deleted > 0 and len >= capacity then
			""" + Scripts.wake("KEYS[3]", "ARGV[acks + 1]", "woken") + """
			  end
			  len = len - deleted
			end
			local added = 0
			while added < n and len < capacity do
			  redis.call('XADD', KEYS[1], '*', 'v', ARGV[4 + added])
			  added = added + 1
			  len = len + 1
			end
			out[1] = added
			out[2] = len
			if added > 0 then
			""" + Scripts.wake("KEYS[2]", "ARGV[2]", "woken") + """
			end
			return out
			""");

	/**
	 * KEYS: stream, dead-letter stream, takers, putters. ARGV: group, consumer,
	 * visibility timeout in ms, most deliveries, channel for room, taker id ('' for one
	 * that does not wait), whether it is recorded ('1'), how long a record lasts in ms,
	 * whether to look for entries to reclaim ('1', or absent), the pending entry list's
	 * cursor to look from. Makes the group if it is not there. When told to, reclaims an
	 * entry idle past the visibility timeout first (one delivered too often goes to the
	 * dead letters instead, and a waiting putter is told of the room), looking at 160
	 * pending entries at most; else, or when there is none, reads a new one. Answers {1,
	 * id, value, deliveries, dead letters, cursor} or {0, dead letters, length, cursor},
	 * having recorded the taker; the cursor is '0-0' once the look has reached the end of
	 * the pending entries, else where the next look goes on (and absent when it did not
	 * look).
	 */
	static final Script TAKE = new Script("""
			local dead = 0
			local woken = 0
			local cursor = ARGV[10]
			if ARGV[9] == '1' then
			  for _ = 1, 16 do
			    local claimed = redis.pcall('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], cursor, 'COUNT', 1)
			    if claimed['err'] then
			      redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
			      cursor = '0-0'
			      break
			    end
			    cursor = claimed[1]
			    local entry = claimed[2][1]
			    if entry then
			      local id = entry[1]
			      local pending = redis.call('XPENDING', KEYS[1], ARGV[1], id, id, 1)
			      local deliveries = pending[1][4]
			      local value = entry[2][2]
			      if deliveries <= tonumber(ARGV[4]) then
			        if dead > 0 then
			""" + Scripts.wake("KEYS[4]", "ARGV[5]", "woken") + """
			        end
			""" + Scripts.served("KEYS[3]", "ARGV[6]", "ARGV[7]") + """
			        return {1, id, value, deliveries, dead, cursor}
			      end
			      redis.call('XADD', KEYS[2], '*', 'v', value, 'id', id, 'deliveries', deliveries)
			      redis.call('XACK', KEYS[1], ARGV[1], id)
			      redis.call('XDEL', KEYS[1], id)
			      dead = dead + 1
			    end
			    if cursor == '0-0' then break end
			  end
			  if dead > 0 then
			""" + Scripts.wake("KEYS[4]", "ARGV[5]", "woken") + """
			  end
			end
			local read = redis.pcall('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', 1, 'STREAMS', KEYS[1], '>')
			if type(read) == 'table' and read['err'] then
			  redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
			  read = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', 1, 'STREAMS', KEYS[1], '>')
			end
			if read then
			  local entry = read[1][2][1]
			""" + Scripts.served("KEYS[3]", "ARGV[6]", "ARGV[7]") + """
			  return {1, entry[1], entry[2][2], 1, dead, cursor}
			end
			local ms = tonumber(ARGV[8])
			""" + Scripts.record("KEYS[3]", "ARGV[6]", "ms") + """
			return {0, dead, redis.call('XLEN', KEYS[1]), cursor}
			""");

	/**
	 * KEYS: stream, putters. ARGV: group, channel for room, then the ids done.
	 * Acknowledges and deletes the entries, publishes the room made if a putter waits.
	 * Answers {deleted, ids acknowledged already by another consumer...}.
	 */
	static final Script DONE = new Script("local out = {0}\nlocal woken = 0\n" + acknowledge("KEYS[1]", "ARGV[1]", "3")
			+ "out[1] = deleted\nif deleted > 0 then\n" + Scripts.wake("KEYS[2]", "ARGV[2]", "woken") + """
					end
					return out
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

	private QueueScripts() {
	}

	/**
	 * Lua that acknowledges the ids in ARGV from {@code first} on, appending to the table
	 * {@code out} each that another consumer had acknowledged already, then deletes them
	 * all and sets the local {@code deleted} to how many it deleted.
	 */
	private static String acknowledge(String stream, String group, String first) {
		return "for i = " + first + ", #ARGV do\nif redis.call('XACK', " + stream + ", " + group
				+ ", ARGV[i]) == 0 then out[#out + 1] = ARGV[i] end\nend\nlocal deleted = redis.call('XDEL', " + stream
				+ ", unpack(ARGV, " + first + ", #ARGV))\n";
	}

}
