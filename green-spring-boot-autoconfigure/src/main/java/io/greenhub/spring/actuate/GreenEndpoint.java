package io.greenhub.spring.actuate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The Actuator endpoint {@code green}: the hubs of the group, and on request its green
 * threads with their name, state, what they wait on and their stack, as read-only data
 * (eventlet's {@code backdoor}). Like {@code threaddump}, it is exposed over HTTP only
 * when the application includes it in {@code management.endpoints.web.exposure.include}.
 *
 * <p>
 * {@code /actuator/green} is a summary of a bounded size: the group and, per hub, its
 * counts, lag and stalls. {@code /actuator/green/threads} lists green threads, at most
 * {@code limit} of them ({@value #DEFAULT_LIMIT} by default, {@value #MAX_LIMIT} at
 * most), of one hub if {@code hub} names it. What the threads show is sensitive: the code
 * paths of their stacks, and in {@code waitingOn} the {@code toString} of the primitive
 * each waits on, which names it (a {@code GreenEvent 'order-6b26...'} names someone's
 * order). Expose the endpoint only to operators. Listing threads takes the stack of each
 * thread listed, which stops each running one for a moment.
 */
@Endpoint(id = "green")
public class GreenEndpoint {

	/**
	 * How many green threads {@code /actuator/green/threads} lists when no limit is asked
	 * for.
	 */
	public static final int DEFAULT_LIMIT = 100;

	/** The most green threads {@code /actuator/green/threads} lists. */
	public static final int MAX_LIMIT = 1000;

	private static final String THREADS = "threads";

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
	 * Describes the hub group, without its green threads. Runs on the thread that serves
	 * the request.
	 * @return the description
	 */
	@ReadOperation
	public GroupDescriptor green() {
		List<HubDescriptor> hubs = this.group.hubs().stream().map(this::describe).toList();
		return new GroupDescriptor(this.group.name(), this.group.mode().name().toLowerCase(Locale.ROOT),
				millis(this.group.blockingDetectionThreshold()), hubs);
	}

	/**
	 * Lists green threads: {@code /actuator/green/threads}. Runs on the thread that
	 * serves the request.
	 * @param part {@code threads}; anything else is not found
	 * @param hub the name of the hub whose threads to list, or {@code null} for every hub
	 * @param limit the most threads to list, from 1 to {@value #MAX_LIMIT}; {@code null}
	 * for {@value #DEFAULT_LIMIT}
	 * @return the threads, or {@code null} (not found) for another part or an unknown hub
	 */
	@ReadOperation
	public @Nullable ThreadsDescriptor threads(@Selector String part, @Nullable String hub, @Nullable Integer limit) {
		if (!THREADS.equals(part)) {
			return null;
		}
		int max = (limit != null) ? limit : DEFAULT_LIMIT;
		if (max < 1 || max > MAX_LIMIT) {
			throw new InvalidEndpointRequestException("limit must be between 1 and " + MAX_LIMIT + ", was: " + max,
					"limit must be between 1 and " + MAX_LIMIT);
		}
		List<GreenHub> hubs = this.group.hubs()
			.stream()
			.filter((each) -> hub == null || each.name().equals(hub))
			.toList();
		if (hubs.isEmpty()) {
			return null;
		}
		List<ThreadDescriptor> threads = new ArrayList<>();
		int alive = 0;
		for (GreenHub each : hubs) {
			for (GreenThread<?> thread : each.greenThreads()) {
				alive++;
				if (threads.size() < max) {
					threads.add(ThreadDescriptor.of(each.name(), thread.info()));
				}
			}
		}
		return new ThreadsDescriptor(alive, threads.size(), max, threads);
	}

	private HubDescriptor describe(GreenHub hub) {
		return new HubDescriptor(hub.name(), hub.loopThreadName(), hub.alive(), hub.spawnedCount(), lag(hub),
				hub.stallCount(), millis(hub.stallTime()), millis(hub.currentStall()));
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
	 *
	 * @param name its name
	 * @param mode {@code loop} or {@code pool}
	 * @param blockingDetectionThresholdMillis the blocking detection threshold, 0 when
	 * off
	 * @param hubs its hubs
	 */
	public record GroupDescriptor(String name, String mode, double blockingDetectionThresholdMillis,
			List<HubDescriptor> hubs) {
	}

	/**
	 * One hub.
	 *
	 * @param name its name
	 * @param loopThread the name of the thread that runs its event-loop code
	 * @param alive green threads not finished
	 * @param spawned green threads spawned
	 * @param lagMillis sampled hub lag percentiles and maximum in milliseconds, if
	 * metrics are on
	 * @param stalls stalls reported by blocking detection
	 * @param stallTimeMillis total length of the stalls that have ended
	 * @param currentStallMillis how long the loop has been held, during a reported stall;
	 * else 0
	 */
	public record HubDescriptor(String name, @Nullable String loopThread, int alive, long spawned,
			@Nullable Map<String, Double> lagMillis, long stalls, double stallTimeMillis, double currentStallMillis) {
	}

	/**
	 * Green threads, as {@code /actuator/green/threads} lists them.
	 *
	 * @param alive the green threads alive on the hubs asked for
	 * @param listed how many are listed
	 * @param limit the most that were to be listed
	 * @param greenThreads the threads listed, hub by hub
	 */
	public record ThreadsDescriptor(int alive, int listed, int limit, List<ThreadDescriptor> greenThreads) {
	}

	/**
	 * One green thread. A record of its own, so that it can gain fields without changing
	 * what lists it.
	 *
	 * @param hub the name of its hub
	 * @param name its name
	 * @param state its virtual thread's state
	 * @param waitingOn what it is parked on, if anything named
	 * @param stack its frames, innermost first
	 * @param owner the name of the green thread it is a child of, or {@code null}
	 */
	public record ThreadDescriptor(String hub, String name, String state, @Nullable String waitingOn,
			List<String> stack, @Nullable String owner) {

		static ThreadDescriptor of(String hub, GreenThreadInfo info) {
			return new ThreadDescriptor(hub, info.name(), info.state().name(), info.waitingOn(),
					info.stack().stream().map(StackTraceElement::toString).toList(), info.owner());
		}

	}

}
