package io.greenhub.redis;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.ValueListOutput;
import io.lettuce.core.protocol.CommandType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's reckoning of Redis's clock, for the plain commands that write a lease's
 * expiry themselves instead of a script reading {@code TIME}: a lower bound of Redis's
 * time at a moment of this instance's {@link System#nanoTime()}, and how far below
 * Redis's time it may be.
 *
 * <h2>Model</h2> Every second the renewal thread sends {@code TIME}. Redis read its clock
 * between the sending and the answer, so at the answer its clock showed at least what it
 * answered, and at most that plus the round trip: a later moment's lower bound is the
 * answer plus the time since, and its uncertainty the round trip (and a millisecond for
 * each of the two roundings down to whole milliseconds). The two clocks may run at
 * slightly different rates (a clock that NTP slews runs up to 0.05% off): the bound takes
 * off {@link #DRIFT} of the time since the sample, and the uncertainty adds twice that. A
 * sample older than {@link #MAX_AGE}, or none yet (Redis unreachable since the start), is
 * no reckoning at all: callers then use a script that reads {@code TIME}. Redis's clock
 * jumping (an NTP step on its host) moves every lease's expiry alike whether a script or
 * this reckoning wrote it.
 *
 * <h2>Threads</h2> The sample is written by the thread that completes a {@code TIME}
 * command (Lettuce's event loop) and read by any caller; it is one immutable record, so a
 * reader sees one sample whole.
 */
final class RedisClock {

	private static final Logger logger = LoggerFactory.getLogger(RedisClock.class);

	/** The rate at which the two clocks may drift apart: 1 ms a second. */
	static final double DRIFT = 0.001;

	/** How old a sample may be and still serve: 5 s, five samples. */
	static final long MAX_AGE = TimeUnit.SECONDS.toNanos(5);

	private final RedisCalls calls;

	// Written by Lettuce's event loop at each answer to TIME; read by acquirers.
	private volatile @Nullable Sample sample;

	RedisClock(RedisCalls calls) {
		this.calls = calls;
	}

	/**
	 * Sends {@code TIME} without waiting; its answer, if it comes within the timeout,
	 * becomes the sample. Called by the renewal thread every second.
	 */
	void sample() {
		try {
			send();
		}
		catch (RuntimeException ex) {
			// a periodic task that throws runs no more: this one must run every second
			logger.debug("Could not send TIME; the next sample is in a second", ex);
		}
	}

	private void send() {
		long sent = System.nanoTime();
		this.calls.send(CommandType.TIME, new ValueListOutput<>(StringCodec.UTF8))
			.whenComplete((List<String> time, @Nullable Throwable ex) -> {
				long received = System.nanoTime();
				if (ex != null || time == null || time.size() < 2) {
					logger.debug("Could not read Redis's clock; a sample older than 5 s is not used", ex);
					return;
				}
				// TIME answers seconds and microseconds: floored to milliseconds, a lower
				// bound still
				long millis = Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
				this.sample = new Sample(millis, received, received - sent + TimeUnit.MILLISECONDS.toNanos(1));
			});
	}

	/**
	 * Returns a reckoning of Redis's clock at the given {@link System#nanoTime()}, or
	 * null if there is no sample young enough, or its uncertainty is not under the bound.
	 * Returns at once.
	 * @param now the moment, by {@link System#nanoTime()}
	 * @param maxUncertainty the most the reckoning may be below Redis's time, in ns
	 */
	@Nullable Reckoning at(long now, long maxUncertainty) {
		Sample sample = this.sample;
		if (sample == null) {
			return null;
		}
		long age = now - sample.at();
		if (age < 0 || age > MAX_AGE) {
			return null;
		}
		long drift = (long) (age * DRIFT);
		// the age is floored to ms below: one more ms
		long uncertainty = sample.roundTrip() + 2 * drift + TimeUnit.MILLISECONDS.toNanos(1);
		if (uncertainty >= maxUncertainty) {
			return null;
		}
		long millis = sample.millis() + TimeUnit.NANOSECONDS.toMillis(age - drift);
		return new Reckoning(millis, uncertainty);
	}

	/**
	 * One answer to {@code TIME}: Redis's time in ms, the {@link System#nanoTime()} of
	 * the answer, and the round trip plus the millisecond lost to flooring.
	 */
	private record Sample(long millis, long at, long roundTrip) {
	}

	/**
	 * Redis's time at a moment, in ms, no later than it was, and how much earlier it may
	 * be, in ns.
	 *
	 * @param millis the lower bound, Redis's clock in ms
	 * @param uncertainty how far below Redis's clock it may be, in ns
	 */
	record Reckoning(long millis, long uncertainty) {
	}

}
