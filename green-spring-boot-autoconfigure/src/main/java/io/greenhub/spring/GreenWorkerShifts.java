package io.greenhub.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.greenhub.GreenHubGroup;
import io.greenhub.GreenThread;
import io.greenhub.internal.Drain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers of {@link GreenWorkers} from a start to the stop that ends them: their
 * spawn, one on each hub in turn, and their stop, which ends those waiting for work,
 * drains those at work and kills those left after the grace period. Guarded by the
 * monitor of the {@link GreenWorkers}, whose start and stop are called on the thread that
 * starts and stops the context.
 */
final class GreenWorkerShifts {

	private static final Logger logger = LoggerFactory.getLogger(GreenWorkers.class);

	// Written by start and stop; read by them and by running.
	private final List<GreenWorkerShift> shifts = new ArrayList<>();

	/** Spawns the workers; does nothing if they run. Returns at once. */
	void start(GreenWorkers workers, GreenHubGroup hubs, int count) {
		if (!this.shifts.isEmpty()) {
			return;
		}
		for (int i = 0; i < count; i++) {
			GreenWorkerShift shift = new GreenWorkerShift(workers, i);
			shift.thread = hubs.next().spawn(shift::run);
			this.shifts.add(shift);
		}
	}

	/**
	 * Stops the workers, blocking the calling thread until they have all ended, at most 5
	 * seconds after the kill.
	 */
	void stop(Duration gracePeriod) {
		List<GreenThread<?>> threads = new ArrayList<>(this.shifts.size());
		for (GreenWorkerShift shift : this.shifts) {
			shift.stop();
			threads.add(Objects.requireNonNull(shift.thread));
		}
		for (GreenThread<?> thread : Drain.drainThenKill(() -> threads, gracePeriod)) {
			if (thread.isDone()) {
				logger.info("Green worker {} still ran after the grace period of {}; it was killed", thread.name(),
						gracePeriod);
			}
			else {
				logger.warn("Green worker {} does not end; leaving it", thread.name());
			}
		}
		this.shifts.clear();
	}

	boolean isRunning() {
		return !this.shifts.isEmpty();
	}

	/** Returns how many workers run now. */
	int running() {
		return (int) this.shifts.stream().filter((shift) -> shift.thread != null && !shift.thread.isDone()).count();
	}

}
