package io.greenhub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the green threads of a closing group: first patiently, then by killing them.
 */
final class HubShutdown {

	private static final Logger logger = LoggerFactory.getLogger(HubShutdown.class);

	/** How long killed green threads get to unwind through their finally blocks. */
	private static final Duration UNWIND = Duration.ofSeconds(5);

	private final String groupName;

	private final List<DefaultGreenHub> hubs;

	HubShutdown(String groupName, List<DefaultGreenHub> hubs) {
		this.groupName = groupName;
		this.hubs = hubs;
	}

	/**
	 * Waits for the live green threads for the grace period, kills the rest, waits for them to
	 * unwind, and returns how many it killed.
	 */
	int stopGreenThreads(Duration gracePeriod) {
		awaitAll(live(), gracePeriod);
		List<GreenThread<?>> remaining = live();
		for (GreenThread<?> thread : remaining) {
			thread.kill();
		}
		awaitAll(remaining, UNWIND);
		logger.info("Hub group '{}' killed {} green threads still running after the grace period of {}",
				this.groupName, remaining.size(), gracePeriod);
		List<GreenThread<?>> stuck = live();
		if (!stuck.isEmpty()) {
			logger.warn("Hub group '{}' shuts down with {} green threads that did not end within {} of being killed: {}",
					this.groupName, stuck.size(), UNWIND, stuck);
		}
		return remaining.size();
	}

	private List<GreenThread<?>> live() {
		List<GreenThread<?>> live = new ArrayList<>();
		for (DefaultGreenHub hub : this.hubs) {
			live.addAll(hub.greenThreads());
		}
		return live;
	}

	private static void awaitAll(List<GreenThread<?>> threads, Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		for (GreenThread<?> thread : threads) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return;
			}
			try {
				thread.join(Duration.ofNanos(left));
			}
			catch (RuntimeException | Error outcome) {
				// its outcome, or the time ran out: either way this thread is done waiting for it
			}
		}
	}

}
