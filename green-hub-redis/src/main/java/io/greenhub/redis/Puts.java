package io.greenhub.redis;

import java.util.List;

/**
 * The attempts of one {@link RedisQueue}'s puts: each one run of
 * {@link QueueScripts#PUT}, carrying the acknowledgements of this instance's taskDone
 * waiting to be sent (see {@link Acknowledgements}). Stateless but for its arguments,
 * which it makes once; used by the putting threads.
 */
final class Puts {

	private final RedisCalls calls;

	private final Acknowledgements acknowledgements;

	private final String what;

	// stream, takers, putters
	private final String[] keys;

	private final String capacityArg;

	private final String putChannel;

	// how long a waiter's record in Redis lasts: twice the longest it parks before it
	// looks again
	private final String recordArg;

	private final String group;

	private final String doneChannel;

	Puts(GreenRedis redis, String queue, int capacity, String[] keys, String putChannel, String group,
			String doneChannel, Acknowledgements acknowledgements) {
		this.calls = redis.calls();
		this.acknowledgements = acknowledgements;
		this.what = "put into queue '" + queue + "'";
		this.keys = keys;
		this.capacityArg = String.valueOf(capacity);
		this.putChannel = putChannel;
		this.recordArg = String.valueOf(Math.max(2, redis.options().visibilityTimeout().toMillis()));
		this.group = group;
		this.doneChannel = doneChannel;
	}

	/**
	 * Tries once to add the value, and answers the stream's length after it, negated if
	 * the stream was full: parks a green thread for one round trip. A putter that waits
	 * and finds the stream full is recorded. The acknowledgements it carries are answered
	 * whatever the outcome, or counted lost if the attempt fails.
	 * @throws io.greenhub.spi.StoreUnavailableException if Redis does not answer within
	 * the timeout
	 */
	long attempt(String value, WaiterRecord putter) {
		String[] carried = this.acknowledgements.take();
		List<Object> answer;
		try {
			answer = this.calls.call(this.what, QueueScripts.PUT, this.keys, args(value, putter, carried));
		}
		catch (RuntimeException ex) {
			this.acknowledgements.lost(carried, ex);
			throw ex;
		}
		long length = RedisCalls.asLong(answer.get(1));
		if (carried.length > 0) {
			this.acknowledgements.carried(carried, answer, 2, true);
		}
		return (RedisCalls.asLong(answer.get(0)) == 1) ? length : -length;
	}

	private String[] args(String value, WaiterRecord putter, String[] carried) {
		String[] args = new String[(carried.length == 0) ? 6 : 8 + carried.length];
		args[0] = this.capacityArg;
		args[1] = value;
		args[2] = this.putChannel;
		args[3] = putter.id();
		args[4] = putter.recordedFlag();
		args[5] = this.recordArg;
		if (carried.length > 0) {
			args[6] = this.group;
			args[7] = this.doneChannel;
			System.arraycopy(carried, 0, args, 8, carried.length);
		}
		return args;
	}

}
