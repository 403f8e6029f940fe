package io.greenhub.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.jspecify.annotations.Nullable;

/**
 * The attempts of one {@link RedisQueue}'s puts, carrying the acknowledgements of this
 * instance's taskDone waiting to be sent (see {@link Acknowledgements}).
 *
 * <h2>Batches</h2> A put's first attempt joins a batch: with fewer than
 * {@link InFlight#MOST} batches of this queue in flight it is sent at once, alone
 * ({@link QueueScripts#PUTS}); while that many are, the puts that come meanwhile wait for
 * an answer and go together in the next, at most {@link #BATCH} of them. So a few putters
 * each pay one round trip, and the puts that more threads start at once share one script
 * (Redis's cost is mostly the script's, not the values'). A put that its batch found the
 * stream full for, and that waits, tries again alone with {@link QueueScripts#PUT}, which
 * records it as a waiter. Threads: putting threads add to the batch and send it while a
 * batch may start; the answer's thread (Lettuce's event loop) hands out the outcomes and
 * sends the next.
 */
final class Puts {

	/** The most puts one batch carries. */
	static final int BATCH = 32;

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

	// the puts waiting for the next batch: added by putting threads, drained by the
	// sender
	private final ConcurrentLinkedQueue<Batched> waiting = new ConcurrentLinkedQueue<>();

	// the batches in flight: started by the thread that sends one, ended by its answer's
	private final InFlight sending = new InFlight();

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
	 * the stream was full: parks a green thread for one round trip, one more while the
	 * most batches are in flight, and one more again when its batch found the stream full
	 * for a putter that waits. A putter that waits and finds the stream full is recorded.
	 * The acknowledgements a script carries are answered whatever the outcome, or counted
	 * lost if it fails.
	 * @throws io.greenhub.spi.StoreUnavailableException if Redis does not answer within
	 * the timeout
	 */
	long attempt(String value, WaiterRecord putter) {
		if (!putter.recorded()) {
			long length = batched(value);
			if (length > 0 || !putter.waits()) {
				return length;
			}
			// full: once more alone, so that the script records the putter
		}
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

	/** How many puts wait for the next batch. */
	int waiting() {
		return this.waiting.size();
	}

	/** How many batches are in flight. */
	int inFlight() {
		return this.sending.count();
	}

	// Joins the next batch and waits for its outcome. A caller killed, or timed out,
	// before its batch was drained is taken out of it; after, its value may be added.
	private long batched(String value) {
		Batched put = new Batched(value);
		this.waiting.add(put);
		sendIfIdle();
		try {
			return Objects.requireNonNull(this.calls.await(this.what, put.outcome));
		}
		catch (RuntimeException ex) {
			this.waiting.remove(put);
			throw ex;
		}
	}

	// Sends the waiting puts unless the most batches are in flight.
	private void sendIfIdle() {
		while (!this.waiting.isEmpty() && this.sending.tryStart()) {
			List<Batched> batch = new ArrayList<>();
			for (Batched put; batch.size() < BATCH && (put = this.waiting.poll()) != null;) {
				if (!put.outcome.isDone()) {
					batch.add(put);
				}
			}
			if (batch.isEmpty()) {
				this.sending.end();
				continue;
			}
			send(batch);
			return;
		}
	}

	private void send(List<Batched> batch) {
		String[] carried = this.acknowledgements.take();
		String[] args = new String[3 + batch.size() + ((carried.length == 0) ? 0 : 2 + carried.length)];
		args[0] = this.capacityArg;
		args[1] = this.putChannel;
		args[2] = String.valueOf(batch.size());
		for (int i = 0; i < batch.size(); i++) {
			args[3 + i] = batch.get(i).value;
		}
		if (carried.length > 0) {
			int at = 3 + batch.size();
			args[at] = this.group;
			args[at + 1] = this.doneChannel;
			System.arraycopy(carried, 0, args, at + 2, carried.length);
		}
		CompletableFuture<List<Object>> sent;
		try {
			sent = this.calls.send(QueueScripts.PUTS, this.keys, args);
		}
		catch (RuntimeException ex) {
			sent = CompletableFuture.failedFuture(ex);
		}
		sent.whenComplete((answer, ex) -> {
			try {
				handOut(batch, carried, answer, ex);
			}
			catch (RuntimeException failure) {
				batch.forEach((put) -> put.outcome.completeExceptionally(failure));
			}
			finally {
				// whatever the outcome, the next batch goes
				this.sending.end();
				sendIfIdle();
			}
		});
	}

	// On the answer's thread: each put's outcome, and the carried acknowledgements'.
	private void handOut(List<Batched> batch, String[] carried, @Nullable List<Object> answer, @Nullable Throwable ex) {
		if (ex != null || answer == null) {
			Throwable failure = (ex != null) ? ex : new IllegalStateException("Redis gave no answer to the script");
			this.acknowledgements.lost(carried, failure);
			batch.forEach((put) -> put.outcome.completeExceptionally(failure));
			return;
		}
		int added = (int) RedisCalls.asLong(answer.get(0));
		long length = RedisCalls.asLong(answer.get(1));
		if (carried.length > 0) {
			this.acknowledgements.carried(carried, answer, 2, true);
		}
		for (int i = 0; i < batch.size(); i++) {
			batch.get(i).outcome.complete((i < added) ? length - added + i + 1 : -length);
		}
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

	/** One put's first attempt, in a batch: its value, and its outcome as attempt's. */
	private static final class Batched {

		private final String value;

		private final CompletableFuture<Long> outcome = new CompletableFuture<>();

		Batched(String value) {
			this.value = value;
		}

	}

}
