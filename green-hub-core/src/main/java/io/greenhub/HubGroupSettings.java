package io.greenhub;

import java.time.Duration;
import java.util.Objects;

import io.greenhub.internal.CarrierTimes;
import io.greenhub.internal.HubGroupRuntime;
import io.greenhub.internal.WorkStealingDefaults;
import org.jspecify.annotations.Nullable;
import reactor.netty.resources.LoopResources;

/**
 * The settings a {@link GreenHubGroup.Builder} collects: their defaults, their
 * validation, and what they resolve to when a group is built. Written and read by the
 * thread that uses the builder.
 */
final class HubGroupSettings {

	private String name = "green";

	// 0: the default for the mode, see HubGroupRuntime.defaultHubs
	private int hubs;

	private boolean workStealing = WorkStealingDefaults.enabled();

	private Duration workStealingThreshold = WorkStealingDefaults.threshold();

	private HubMode mode = HubMode.AUTO;

	private boolean nativeTransport = LoopResources.DEFAULT_NATIVE;

	private Duration shutdownGracePeriod = Duration.ofSeconds(10);

	private Duration blockingDetectionThreshold = Duration.ofMillis(100);

	private boolean pinnedParkReports;

	private @Nullable GreenChildContext childContext;

	private CarrierTimes carrierTimes = CarrierTimes.SYSTEM;

	void carrierTimes(CarrierTimes times) {
		this.carrierTimes = Objects.requireNonNull(times, "times");
	}

	void blockingDetectionThreshold(Duration threshold) {
		Objects.requireNonNull(threshold, "threshold");
		if (threshold.isNegative()) {
			throw new IllegalArgumentException("Hub group '" + this.name
					+ "' blocking detection threshold must not be negative, was: " + threshold);
		}
		this.blockingDetectionThreshold = threshold;
	}

	void pinnedParkReports(boolean enabled) {
		this.pinnedParkReports = enabled;
	}

	void childContext(@Nullable GreenChildContext childContext) {
		this.childContext = childContext;
	}

	void name(String name) {
		Objects.requireNonNull(name, "name");
		if (name.isBlank()) {
			throw new IllegalArgumentException("Hub group name must not be blank, was: '" + name + "'");
		}
		this.name = name;
	}

	void workStealing(boolean enabled) {
		this.workStealing = enabled;
	}

	void workStealingThreshold(Duration threshold) {
		Objects.requireNonNull(threshold, "threshold");
		if (threshold.compareTo(WorkStealingDefaults.MIN_THRESHOLD) < 0) {
			throw new IllegalArgumentException(
					"Hub group '" + this.name + "' work-stealing threshold must be at least 100 us, was: " + threshold);
		}
		this.workStealingThreshold = threshold;
	}

	void hubs(int hubs) {
		if (hubs < 1) {
			throw new IllegalArgumentException("Hub group '" + this.name + "' hubs must be positive, was: " + hubs);
		}
		this.hubs = hubs;
	}

	void mode(HubMode mode) {
		this.mode = Objects.requireNonNull(mode, "mode");
	}

	void nativeTransport(boolean nativeTransport) {
		this.nativeTransport = nativeTransport;
	}

	void shutdownGracePeriod(Duration gracePeriod) {
		Objects.requireNonNull(gracePeriod, "gracePeriod");
		if (gracePeriod.isNegative()) {
			throw new IllegalArgumentException(
					"Hub group '" + this.name + "' shutdown grace period must not be negative, was: " + gracePeriod);
		}
		this.shutdownGracePeriod = gracePeriod;
	}

	/**
	 * Resolves the settings for a group to be built: the mode by what the JDK allows, the
	 * number of hubs by the mode, and what the mode and the machine leave of work
	 * stealing and pinned-park reports.
	 * @throws IllegalStateException if the mode is {@link HubMode#LOOP} and the JDK
	 * refuses it
	 */
	Resolved resolve() {
		HubMode resolved = HubGroupRuntime.resolve(this.mode);
		boolean reportsPinnedParks = this.pinnedParkReports && !this.blockingDetectionThreshold.isZero();
		int hubCount = (this.hubs > 0) ? this.hubs : HubGroupRuntime.defaultHubs(resolved);
		// one hub cannot take another's work over; a thief needs a processor of its own:
		// on one, it only preempts the carrier it would help (measured: the load
		// benchmark's S1 and S6 on one pinned core, docs/performance.md)
		Duration stealing = (resolved == HubMode.LOOP && this.workStealing && hubCount > 1
				&& Runtime.getRuntime().availableProcessors() > 1) ? this.workStealingThreshold : Duration.ZERO;
		return new Resolved(this.name, this.mode, resolved, hubCount, this.nativeTransport, this.shutdownGracePeriod,
				this.blockingDetectionThreshold, reportsPinnedParks, stealing, this.childContext, this.carrierTimes);
	}

	/**
	 * The settings of one group as it is built, final before its event loops start (they
	 * read them).
	 *
	 * @param name the name, the prefix of the hubs' and threads' names
	 * @param requested the mode the builder was given
	 * @param mode the mode it resolved to, {@link HubMode#LOOP} or {@link HubMode#POOL}
	 * @param hubCount how many hubs
	 * @param nativeTransport whether to use epoll where it is available
	 * @param shutdownGracePeriod the grace period of {@link GreenHubGroup#close()}
	 * @param blockingDetectionThreshold the stall threshold, zero if detection is off
	 * @param reportsPinnedParks whether pinned parks are reported
	 * @param workStealingThreshold the work-stealing threshold, zero if stealing is off
	 * @param childContext how context follows a spawn, or {@code null}
	 * @param carrierTimes where blocking detection reads the carriers' times
	 */
	record Resolved(String name, HubMode requested, HubMode mode, int hubCount, boolean nativeTransport,
			Duration shutdownGracePeriod, Duration blockingDetectionThreshold, boolean reportsPinnedParks,
			Duration workStealingThreshold, @Nullable GreenChildContext childContext, CarrierTimes carrierTimes) {

	}

}
