package io.greenhub.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.lettuce.core.StreamMessage;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StreamReadOutput;
import io.lettuce.core.protocol.CommandType;
import org.jspecify.annotations.Nullable;

/**
 * The plain XREADGROUPs of one {@link RedisQueue}'s takers, in batches, as the puts go
 * (see {@link Puts}): with fewer than {@link InFlight#MOST} reads of this queue in flight
 * one is sent at once, and while that many are, the takers that come meanwhile wait for
 * an answer and share the next, {@code COUNT} the number of them (at most
 * {@link Puts#BATCH}); the answer's entries go to them in their order, and those left
 * without one go on as a taker that found nothing does. An entry whose taker was killed
 * meanwhile goes to the next taker of the batch, or to one waiting for the next read, or
 * else to the next take of this instance, whatever that take's path; it counts as
 * delivered from its read on, so one left over for half the visibility timeout is no
 * longer handed out here but left to be reclaimed, delivered again and flagged as a
 * redelivery. A read that times out but that Redis runs all the same leaves its entries
 * (as many as the batch's takers) pending until the visibility timeout, then reclaimed
 * so. Threads: taking threads add to the batch and send it while a read may start; the
 * answer's thread (Lettuce's event loop) hands out the entries and sends the next.
 */
final class Reads {

	private final RedisCalls calls;

	private final String what;

	// XREADGROUP's arguments for one new entry, encoded once
	private final byte[][] readOne;

	// the takers waiting for the next read: added by taking threads, drained by the
	// sender
	private final ConcurrentLinkedQueue<Reading> readers = new ConcurrentLinkedQueue<>();

	// entries read for takers killed meanwhile, for the next take: added by the answer's
	// thread or a killed taker, taken by taking threads
	private final ConcurrentLinkedQueue<Spare> spare = new ConcurrentLinkedQueue<>();

	// how long a spare entry is handed out: half the visibility timeout, after which it
	// may be reclaimed, and is left to that
	private final long spareNanos;

	private final Runnable spared;

	// the reads in flight: started by the thread that sends one, ended by its answer's
	private final InFlight reading = new InFlight();

	/**
	 * Creates the reads of one queue.
	 * @param readOne the arguments of an XREADGROUP of one new entry ({@code COUNT} the
	 * fifth)
	 * @param visibilityNanos the visibility timeout
	 * @param spared told, on the thread that leaves it, of each entry left for the next
	 * take: the queue wakes its waiting takers, for one may have looked for a spare entry
	 * before this one was left, and gone on to wait
	 */
	Reads(RedisCalls calls, String what, byte[][] readOne, long visibilityNanos, Runnable spared) {
		this.calls = calls;
		this.what = what;
		this.readOne = readOne;
		this.spareNanos = visibilityNanos / 2;
		this.spared = spared;
	}

	/** How many takers wait for the next read. */
	int waiting() {
		return this.readers.size();
	}

	/** How many reads are in flight. */
	int inFlight() {
		return this.reading.count();
	}

	/**
	 * Returns an entry read for a taker killed meanwhile, if one was read less than half
	 * the visibility timeout ago (an older one may be reclaimed by now, and is left to
	 * that). Returns at once.
	 * @return the entry, or null
	 */
	@Nullable StreamMessage<String, String> spare() {
		long now = System.nanoTime();
		for (Spare left; (left = this.spare.poll()) != null;) {
			if (now - left.readAt() < this.spareNanos) {
				return left.entry();
			}
		}
		return null;
	}

	/**
	 * Reads one new entry, or none: parks a green thread, blocks a platform thread, for
	 * one round trip, or two while the most reads are in flight. A taker killed or timed
	 * out before its batch was drained is taken out of it; one killed after gives its
	 * entry to the next take.
	 * @return the entry, or an empty list
	 * @throws IllegalStateException if Redis refused the read (with Redis's error as the
	 * cause)
	 * @throws io.greenhub.spi.StoreUnavailableException if Redis does not answer within
	 * the timeout
	 */
	@Nullable List<StreamMessage<String, String>> read() {
		Reading reader = new Reading();
		this.readers.add(reader);
		sendIfIdle();
		try {
			return this.calls.await(this.what, reader.outcome);
		}
		catch (RuntimeException ex) {
			// killed just as its entry came: the entry is the next take's
			if (reader.outcome.isDone() && !reader.outcome.isCompletedExceptionally()) {
				List<StreamMessage<String, String>> read = reader.outcome.join();
				if (!read.isEmpty()) {
					this.spare.add(new Spare(read.get(0), reader.readAt));
					this.spared.run();
				}
			}
			throw ex;
		}
		finally {
			this.readers.remove(reader);
		}
	}

	// Sends the waiting takers' read unless the most reads are in flight.
	private void sendIfIdle() {
		while (!this.readers.isEmpty() && this.reading.tryStart()) {
			List<Reading> batch = new ArrayList<>();
			for (Reading reader; batch.size() < Puts.BATCH && (reader = this.readers.poll()) != null;) {
				if (!reader.outcome.isDone()) {
					batch.add(reader);
				}
			}
			if (batch.isEmpty()) {
				this.reading.end();
				continue;
			}
			byte[][] args = this.readOne;
			if (batch.size() > 1) {
				args = args.clone();
				args[4] = String.valueOf(batch.size()).getBytes(StandardCharsets.US_ASCII);
			}
			CompletableFuture<List<StreamMessage<String, String>>> sent;
			try {
				sent = this.calls.bounded(
						this.calls.dispatch(CommandType.XREADGROUP, new StreamReadOutput<>(StringCodec.UTF8), args));
			}
			catch (RuntimeException ex) {
				sent = CompletableFuture.failedFuture(ex);
			}
			sent.whenComplete((read, ex) -> {
				try {
					handOut(batch, read, ex);
				}
				catch (RuntimeException failure) {
					batch.forEach((reader) -> reader.outcome.completeExceptionally(failure));
				}
				finally {
					// whatever the outcome, the next read goes
					this.reading.end();
					sendIfIdle();
				}
			});
			return;
		}
	}

	// On the answer's thread: one entry to each taker of the batch in its order, skipping
	// those killed meanwhile; what is left over waits for the next take.
	private void handOut(List<Reading> batch, @Nullable List<StreamMessage<String, String>> read,
			@Nullable Throwable ex) {
		if (ex != null || read == null) {
			Throwable failure = (ex != null) ? ex : new IllegalStateException("No answer to XREADGROUP");
			batch.forEach((reader) -> reader.outcome.completeExceptionally(failure));
			return;
		}
		long now = System.nanoTime();
		int next = 0;
		for (StreamMessage<String, String> entry : read) {
			while (next < batch.size() && !batch.get(next).take(entry, now)) {
				next++;
			}
			if (next >= batch.size() && !toWaiting(entry, now)) {
				this.spare.add(new Spare(entry, now));
				this.spared.run();
			}
			next++;
		}
		for (; next < batch.size(); next++) {
			batch.get(next).outcome.complete(List.of());
		}
	}

	// An entry left over: to a taker waiting for the next read, if one is.
	private boolean toWaiting(StreamMessage<String, String> entry, long now) {
		for (Reading reader; (reader = this.readers.poll()) != null;) {
			if (reader.take(entry, now)) {
				return true;
			}
		}
		return false;
	}

	/** A taker's place in a read: its entry, none, or the read's failure. */
	private static final class Reading {

		private final CompletableFuture<List<StreamMessage<String, String>>> outcome = new CompletableFuture<>();

		// when its entry was read: written by the answer's thread before the outcome,
		// read by the taker after it
		private volatile long readAt;

		// hands it the entry; answers false for a taker no longer there
		boolean take(StreamMessage<String, String> entry, long now) {
			this.readAt = now;
			return this.outcome.complete(List.of(entry));
		}

	}

	/** An entry read for a taker killed meanwhile, and when it was read. */
	private record Spare(StreamMessage<String, String> entry, long readAt) {
	}

}
