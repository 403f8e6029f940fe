package io.greenhub.autoconfigure;

import java.time.Duration;

import io.greenhub.HubMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the hub group, under {@code green.hub}. Validated when bound: a value
 * out of its range fails the start naming its property.
 */
@ConfigurationProperties("green.hub")
public class GreenHubProperties implements Validator {

	/**
	 * How green threads are scheduled: 'loop' (on the event loops' own carrier threads,
	 * needs --add-opens java.base/java.lang=ALL-UNNAMED), 'pool' (on the JDK's default
	 * scheduler), or 'auto' (loop where the JDK allows it).
	 */
	private HubMode mode = HubMode.AUTO;

	/**
	 * Number of hubs, and so of event loops. When not set, in loop mode the number of
	 * cores (at least 2); in pool mode, or when reactor.netty.ioWorkerCount is set,
	 * Reactor Netty's worker count: the number of cores, at least 4.
	 */
	private @Nullable Integer hubs;

	/**
	 * Prefix of the names of the hubs and of their threads.
	 */
	private String name = "green";

	/**
	 * Whether to use the native epoll transport where it is available.
	 */
	private boolean nativeTransport = true;

	/**
	 * How long green threads may go on when the application shuts down before they are
	 * killed.
	 */
	private Duration shutdownGracePeriod = Duration.ofSeconds(10);

	private final BlockingDetection blockingDetection = new BlockingDetection();

	private final WorkStealing workStealing = new WorkStealing();

	public HubMode getMode() {
		return this.mode;
	}

	public void setMode(HubMode mode) {
		this.mode = mode;
	}

	public @Nullable Integer getHubs() {
		return this.hubs;
	}

	public void setHubs(@Nullable Integer hubs) {
		this.hubs = hubs;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public boolean isNativeTransport() {
		return this.nativeTransport;
	}

	public void setNativeTransport(boolean nativeTransport) {
		this.nativeTransport = nativeTransport;
	}

	public Duration getShutdownGracePeriod() {
		return this.shutdownGracePeriod;
	}

	public void setShutdownGracePeriod(Duration shutdownGracePeriod) {
		this.shutdownGracePeriod = shutdownGracePeriod;
	}

	public BlockingDetection getBlockingDetection() {
		return this.blockingDetection;
	}

	public WorkStealing getWorkStealing() {
		return this.workStealing;
	}

	@Override
	public boolean supports(Class<?> type) {
		return GreenHubProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		GreenHubProperties properties = (GreenHubProperties) target;
		if (properties.getName().isBlank()) {
			errors.rejectValue("name", "notBlank", "green.hub.name must not be blank.");
		}
		Integer hubs = properties.getHubs();
		if (hubs != null && hubs < 1) {
			errors.rejectValue("hubs", "positive", "green.hub.hubs must be positive.");
		}
		if (properties.getShutdownGracePeriod().isNegative()) {
			errors.rejectValue("shutdownGracePeriod", "notNegative",
					"green.hub.shutdown-grace-period must not be negative.");
		}
		if (!properties.getBlockingDetection().getThreshold().isPositive()) {
			errors.rejectValue("blockingDetection.threshold", "positive",
					"green.hub.blocking-detection.threshold must be "
							+ "positive; set green.hub.blocking-detection.enabled to false to turn detection off.");
		}
		if (properties.getWorkStealing().getThreshold().compareTo(WorkStealing.MIN_THRESHOLD) < 0) {
			errors.rejectValue("workStealing.threshold", "min",
					"green.hub.work-stealing.threshold must be at least 100us.");
		}
	}

	/**
	 * Work stealing in loop mode: the other work of a hub whose carrier is held by one
	 * continuation runs on another hub's free carrier.
	 */
	public static class WorkStealing {

		/**
		 * The least threshold: below it the group would look at its carriers too often.
		 */
		static final Duration MIN_THRESHOLD = Duration.ofNanos(100_000);

		/**
		 * Whether, in loop mode, a carrier held by one continuation longer than the
		 * threshold lends its hub's other runnable work (green threads, the hub's event
		 * loop) to another hub's free carrier until it is free again. Without effect in
		 * pool mode.
		 */
		private boolean enabled = true;

		/**
		 * How long one continuation may hold a carrier before another hub's free carrier
		 * takes its hub's other work over; also how often the group looks at its carriers
		 * and how often a loop taken over polls for I/O. At least 100us.
		 */
		private Duration threshold = Duration.ofMillis(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getThreshold() {
			return this.threshold;
		}

		public void setThreshold(Duration threshold) {
			this.threshold = threshold;
		}

	}

	/**
	 * Blocking detection: reports an event loop held without parking.
	 */
	public static class BlockingDetection {

		/**
		 * Whether to report event loops held longer than the threshold, with the stack of
		 * what holds them.
		 */
		private boolean enabled = true;

		/**
		 * How long an event loop may be held, by a green thread computing without parking
		 * or by loop code, before the stall is reported at WARN.
		 */
		private Duration threshold = Duration.ofMillis(100);

		/**
		 * Whether to count and report green threads that park pinned to their carrier for
		 * 20 ms or more, from JFR's jdk.VirtualThreadPinned events. Runs one JFR stream,
		 * which adds about 140 ns to each park and unpark (see docs/performance.md); a
		 * pinned park longer than the threshold is reported as a stall without it.
		 */
		private boolean pinnedParks;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isPinnedParks() {
			return this.pinnedParks;
		}

		public void setPinnedParks(boolean pinnedParks) {
			this.pinnedParks = pinnedParks;
		}

		public Duration getThreshold() {
			return this.threshold;
		}

		public void setThreshold(Duration threshold) {
			this.threshold = threshold;
		}

	}

}
