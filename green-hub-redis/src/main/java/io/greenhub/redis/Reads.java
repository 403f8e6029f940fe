package io.greenhub.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.lettuce.core.StreamMessage;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StreamReadOutput;
import io.lettuce.core.protocol.CommandType;
import org.jspecify.annotations.Nullable;

/**
 * The plain XREADGROUPs of one {@link RedisQueue}'s takers, in batches, as the puts go
 * (see {@link Puts}): with no read of this queue in flight one is sent at once, and the
 * takers that come meanwhile wait for its answer and share the next, {@code COUNT} the
 * number of them (at most {@link Puts#BATCH}); the answer's entries go to them in their
 * order, and those left without one go on as a taker that found nothing does. An entry
 * whose taker was killed meanwhile goes to the next taker of the batch, or waits for the
 * next take of this instance; it counts as delivered from its read on, so one left
 * waiting past the visibility timeout is reclaimed by another instance (and delivered
 * twice, flagged as a redelivery there). Threads: taking threads add to the batch and
 * send it when none is in flight; the answer's thread (Lettuce's event loop) hands out
 * the entries and sends the next.
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
	// thread, taken by taking threads
	private final ConcurrentLinkedQueue<StreamMessage<String, String>> spare = new ConcurrentLinkedQueue<>();

	// whether a read is in flight: set by the thread that sends it, cleared by its
	// answer's
	private final AtomicBoolean reading = new AtomicBoolean();

	/**
	 * Creates the reads of one queue.
	 * @param readOne the arguments of an XREADGROUP of one new entry ({@code COUNT} the
	 * fifth)
	 */
	Reads(RedisCalls calls, String what, byte[][] readOne) {
		this.calls = calls;
		this.what = what;
		this.readOne = readOne;
	}

	/** How many takers wait for the next read. */
	int waiting() {
		return this.readers.size();
	}

	/** 1 while a read is in flight, else 0. */
	int inFlight() {
		return this.reading.get() ? 1 : 0;
	}

	/**
	 * Reads one new entry, or none: parks a green thread, blocks a platform thread, for
	 * one round trip, or two while a read is in flight. A taker killed or timed out
	 * before its batch was sent is taken out of it.
	 * @return the entry, or an empty list
	 * @throws IllegalStateException if Redis refused the read (with Redis's error as the
	 * cause)
	 * @throws io.greenhub.spi.StoreUnavailableException if Redis does not answer within
	 * the timeout
	 */
	@Nullable List<StreamMessage<String, String>> read() {
		StreamMessage<String, String> left = this.spare.poll();
		if (left != null) {
			return List.of(left);
		}
		Reading reader = new Reading();
		this.readers.add(reader);
		sendIfIdle();
		try {
			return this.calls.await(this.what, reader.outcome);
		}
		finally {
			this.readers.remove(reader);
		}
	}

	// Sends the waiting takers' read unless one is in flight.
	private void sendIfIdle() {
		while (!this.readers.isEmpty() && this.reading.compareAndSet(false, true)) {
			List<Reading> batch = new ArrayList<>();
			for (Reading reader; batch.size() < Puts.BATCH && (reader = this.readers.poll()) != null;) {
				if (!reader.outcome.isDone()) {
					batch.add(reader);
				}
			}
			if (batch.isEmpty()) {
				this.reading.set(false);
				continue;
			}
			byte[][] args = this.readOne;
			if (batch.size() > 1) {
				args = args.clone();
				args[4] = String.valueOf(batch.size()).getBytes(StandardCharsets.US_ASCII);
			}
			this.calls
				.bounded(this.calls.dispatch(CommandType.XREADGROUP, new StreamReadOutput<>(StringCodec.UTF8), args))
				.whenComplete((read, ex) -> {
					handOut(batch, read, ex);
					this.reading.set(false);
					sendIfIdle();
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
		int next = 0;
		for (StreamMessage<String, String> entry : read) {
			while (next < batch.size() && !batch.get(next).outcome.complete(List.of(entry))) {
				next++;
			}
			if (next >= batch.size()) {
				this.spare.add(entry);
			}
			next++;
		}
		for (; next < batch.size(); next++) {
			batch.get(next).outcome.complete(List.of());
		}
	}

	/** A taker's place in a read: its entry, none, or the read's failure. */
	private static final class Reading {

		private final CompletableFuture<List<StreamMessage<String, String>>> outcome = new CompletableFuture<>();

	}

}
