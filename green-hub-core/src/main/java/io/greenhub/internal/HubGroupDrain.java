package io.greenhub.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.greenhub.GreenHubGroup;
import io.greenhub.GreenThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a hub group's green threads as it shuts down: drain-then-kill over the green
 * threads of all its hubs ({@link Drain}), and the lines that say how many were killed
 * and how many did not end.
 */
final class HubGroupDrain {

	// the group's own logger, as the lines it logs are the group's
	private static final Logger logger = LoggerFactory.getLogger(GreenHubGroup.class);

	private HubGroupDrain() {
	}

	/**
	 * Drains the green threads of every hub for the grace period, kills those left, waits
	 * for them to unwind and logs how many it killed. Blocks the calling thread; returns
	 * how many it killed.
	 */
	static int killGreenThreads(String groupName, List<DefaultGreenHub> hubs, Duration gracePeriod) {
		List<GreenThread<?>> killed = Drain.drainThenKill(() -> live(hubs), gracePeriod);
		logger.info("Hub group '{}' killed {} green threads still running after the grace period of {}", groupName,
				killed.size(), gracePeriod);
		List<GreenThread<?>> stuck = live(hubs);
		if (!stuck.isEmpty()) {
			logger.warn(
					"Hub group '{}' shuts down with {} green threads that did not end within {} of being killed: {}",
					groupName, stuck.size(), Drain.UNWIND, stuck);
		}
		return killed.size();
	}

	private static List<GreenThread<?>> live(List<DefaultGreenHub> hubs) {
		List<GreenThread<?>> live = new ArrayList<>();
		for (DefaultGreenHub hub : hubs) {
			live.addAll(hub.liveThreads());
		}
		return live;
	}

}
