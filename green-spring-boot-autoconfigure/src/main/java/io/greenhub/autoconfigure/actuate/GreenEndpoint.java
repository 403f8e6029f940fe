package io.greenhub.autoconfigure.actuate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.greenhub.GreenHub;
import io.greenhub.GreenHubGroup;
import io.greenhub.GreenThread;
import io.greenhub.GreenThreadInfo;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The Actuator endpoint {@code green}: the hubs of the group and, per green thread, its name,
 * state, what it waits on and its stack, as read-only data (eventlet's {@code backdoor}). Like
 * {@code threaddump}, it is exposed over HTTP only when the application includes it in
 * {@code management.endpoints.web.exposure.include}. Reading it takes every green thread's stack,
 * which stops each running one for a moment.
 */
@Endpoint(id = "green")
public class GreenEndpoint {

	private final GreenHubGroup group;

	private final @Nullable MeterRegistry meters;

	/**
	 * Creates the endpoint.
	 * @param group the hub group to describe
	 * @param meters the registry to read hub lag from, or {@code null} to leave lag out
	 */
	public GreenEndpoint(GreenHubGroup group, @Nullable MeterRegistry meters) {
		this.group = group;
		this.meters = meters;
	}

	/**
	 * Describes the hub group. Runs on the thread that serves the request.
	 * @return the description
	 */
	@ReadOperation
	public GroupDescriptor green() {
		List<HubDescriptor> hubs = this.group.hubs().stream().map(this::describe).toList();
		return new GroupDescriptor(this.group.name(), this.group.mode().name().toLowerCase(),
				millis(this.group.blockingDetectionThreshold()), hubs);
	}

	private HubDescriptor describe(GreenHub hub) {
		List<ThreadDescriptor> threads = hub.greenThreads().stream().map(GreenThread::info).map(ThreadDescriptor::of).toList();
		return new HubDescriptor(hub.name(), hub.loopThreadName(), hub.alive(), hub.spawnedCount(), lag(hub),
				hub.stallCount(), millis(hub.stallTime()), millis(hub.currentStall()), threads);
	}

	private @Nullable Map<String, Double> lag(GreenHub hub) {
		Timer timer = (this.meters != null) ? this.meters.find("green.hub.lag").tag("hub", hub.name()).timer() : null;
		if (timer == null) {
			return null;
		}
		HistogramSnapshot snapshot = timer.takeSnapshot();
		Map<String, Double> lag = new LinkedHashMap<>();
		for (ValueAtPercentile percentile : snapshot.percentileValues()) {
			lag.put("p" + Math.round(percentile.percentile() * 100), percentile.value(TimeUnit.MILLISECONDS));
		}
		lag.put("max", snapshot.max(TimeUnit.MILLISECONDS));
		return lag;
	}

	private static double millis(Duration duration) {
		return duration.toNanos() / 1e6;
	}

	/**
	 * The hub group.
	 * @param name its name
	 * @param mode {@code loop} or {@code pool}
	 * @param blockingDetectionThresholdMillis the blocking detection threshold, 0 when off
	 * @param hubs its hubs
	 */
	public record GroupDescriptor(String name, String mode, double blockingDetectionThresholdMillis,
			List<HubDescriptor> hubs) {
	}

	/**
	 * One hub.
	 * @param name its name
	 * @param loopThread the name of the thread that runs its event-loop code
	 * @param alive green threads not finished
	 * @param spawned green threads spawned
	 * @param lagMillis sampled hub lag percentiles and maximum in milliseconds, if metrics are on
	 * @param stalls stalls reported by blocking detection
	 * @param stallTimeMillis total length of the stalls that have ended
	 * @param currentStallMillis how long the loop has been held, during a reported stall; else 0
	 * @param greenThreads its green threads
	 */
	public record HubDescriptor(String name, @Nullable String loopThread, int alive, long spawned,
			@Nullable Map<String, Double> lagMillis, long stalls, double stallTimeMillis, double currentStallMillis,
			List<ThreadDescriptor> greenThreads) {
	}

	/**
	 * One green thread.
	 * @param name its name
	 * @param state its virtual thread's state
	 * @param waitingOn what it is parked on, if anything named
	 * @param stack its frames, innermost first
	 * @param owner the name of the green thread it is a child of, or {@code null}
	 */
	public record ThreadDescriptor(String name, String state, @Nullable String waitingOn, List<String> stack,
			@Nullable String owner) {

		static ThreadDescriptor of(GreenThreadInfo info) {
			return new ThreadDescriptor(info.name(), info.state().name(), info.waitingOn(),
					info.stack().stream().map(StackTraceElement::toString).toList(), info.owner());
		}

	}

}
