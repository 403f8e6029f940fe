package io.greenhub.spring.actuate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.greenhub.GreenHub;
import io.greenhub.GreenHubGroup;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The health indicator {@code green}: DOWN while the event loop of a hub has been held
 * longer than {@code green.health.stall-limit} (as blocking detection sees it), UP
 * otherwise. Its details name the mode, the number of hubs, and each stalled hub with how
 * long it has been held. With blocking detection off it is always UP. Runs on the thread
 * that asks for health and returns at once. The auto-configuration declares it as the
 * bean {@code greenHealthIndicator}, unless the application declares a bean of that name
 * itself.
 */
public final class GreenHealthIndicator extends AbstractHealthIndicator {

	private final GreenHubGroup group;

	private final Duration stallLimit;

	/**
	 * Creates the indicator.
	 * @param group the hub group whose hubs it watches
	 * @param stallLimit how long a hub's event loop may be held before the health is DOWN
	 */
	public GreenHealthIndicator(GreenHubGroup group, Duration stallLimit) {
		super("Green hub health check failed");
		this.group = group;
		this.stallLimit = stallLimit;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, String> stalled = new LinkedHashMap<>();
		for (GreenHub hub : this.group.hubs()) {
			Duration stall = hub.currentStall();
			if (stall.compareTo(this.stallLimit) > 0) {
				stalled.put(hub.name(), "held for " + stall.toMillis() + " ms");
			}
		}
		builder.status(stalled.isEmpty() ? Status.UP : Status.DOWN)
			.withDetail("mode", this.group.mode().name().toLowerCase())
			.withDetail("hubs", this.group.hubs().size())
			.withDetail("blockingDetection", this.group.blockingDetectionThreshold().isZero() ? "off" : "on");
		if (!stalled.isEmpty()) {
			builder.withDetail("stalled", stalled).withDetail("stallLimit", this.stallLimit.toMillis() + " ms");
		}
	}

}
