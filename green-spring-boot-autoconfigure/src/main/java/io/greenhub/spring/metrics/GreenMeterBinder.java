package io.greenhub.spring.metrics;

import java.util.List;
import java.util.Map;

import io.greenhub.GreenHub;
import io.greenhub.GreenHubGroup;
import io.greenhub.primitives.GreenEvent;
import io.greenhub.primitives.GreenQueue;
import io.greenhub.primitives.GreenSemaphore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the meters of the hub group and of the named primitives: read from the hubs' own
 * counters when the registry is read, so nothing is added to the scheduling path but the
 * counters themselves. Hub lag is recorded from the samples of a
 * {@link io.greenhub.HubLagListener}, on the hubs' probe green threads.
 *
 * <table class="striped">
 * <caption>Meters</caption>
 * <tr>
 * <th>name</th>
 * <th>type</th>
 * <th>tags</th>
 * <th>what</th>
 * </tr>
 * <tr>
 * <td>{@code green.threads.alive}</td>
 * <td>gauge</td>
 * <td>hub</td>
 * <td>green threads not finished</td>
 * </tr>
 * <tr>
 * <td>{@code green.threads.spawned}</td>
 * <td>counter</td>
 * <td>hub</td>
 * <td>green threads spawned</td>
 * </tr>
 * <tr>
 * <td>{@code green.threads.completed}</td>
 * <td>counter</td>
 * <td>hub, outcome</td>
 * <td>green threads finished, by outcome: success, error or killed</td>
 * </tr>
 * <tr>
 * <td>{@code green.threads.children.killed}</td>
 * <td>counter</td>
 * <td>hub</td>
 * <td>green threads killed as children: their owner ended by an exception, such as a
 * cancelled request's handler, or their scope killed them</td>
 * </tr>
 * <tr>
 * <td>{@code green.hub.lag}</td>
 * <td>timer</td>
 * <td>hub</td>
 * <td>sampled time from a green thread becoming runnable to it running, with the 0.5, 0.9
 * and 0.99 percentiles</td>
 * </tr>
 * <tr>
 * <td>{@code green.hub.stalls}</td>
 * <td>counter</td>
 * <td>hub</td>
 * <td>event-loop stalls reported by blocking detection</td>
 * </tr>
 * <tr>
 * <td>{@code green.hub.pinned.parks}</td>
 * <td>counter</td>
 * <td>hub</td>
 * <td>parks of 20 ms or more pinned to the carrier (in a native frame or class
 * initializer), from JFR</td>
 * </tr>
 * <tr>
 * <td>{@code green.hub.stall.time}</td>
 * <td>counter (seconds)</td>
 * <td>hub</td>
 * <td>total length of ended stalls</td>
 * </tr>
 * <tr>
 * <td>{@code green.queue.size}, {@code green.queue.capacity}</td>
 * <td>gauge</td>
 * <td>name, store</td>
 * <td>items held, and the most it holds, of each named queue</td>
 * </tr>
 * <tr>
 * <td>{@code green.semaphore.permits}, {@code green.semaphore.waiters}</td>
 * <td>gauge</td>
 * <td>name, store</td>
 * <td>available permits and waiting threads of each named semaphore</td>
 * </tr>
 * <tr>
 * <td>{@code green.event.ready}</td>
 * <td>gauge</td>
 * <td>name</td>
 * <td>1 if the named event has been sent, else 0</td>
 * </tr>
 * </table>
 * Totals over the hubs are the sums over the {@code hub} tag.
 *
 * <p>
 * {@link #bindTo} runs once, on the thread that binds the registry; the gauges and
 * counters are read on the thread that reads the registry. The auto-configuration
 * declares one unless the application declares a {@code GreenMeterBinder} of its own.
 */
public final class GreenMeterBinder implements MeterBinder {

	private final GreenHubGroup hubs;

	private final Map<String, GreenQueue<?>> queues;

	private final Map<String, GreenSemaphore> semaphores;

	private final Map<String, GreenEvent<?>> events;

	/**
	 * Creates the binder.
	 * @param hubs the hub group
	 * @param queues the named queues, by name
	 * @param semaphores the named semaphores, by name
	 * @param events the named events, by name
	 */
	public GreenMeterBinder(GreenHubGroup hubs, Map<String, GreenQueue<?>> queues,
			Map<String, GreenSemaphore> semaphores, Map<String, GreenEvent<?>> events) {
		this.hubs = hubs;
		this.queues = queues;
		this.semaphores = semaphores;
		this.events = events;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		bindHubs(registry);
		bindLag(registry);
		bindPrimitives(registry);
	}

	private void bindLag(MeterRegistry registry) {
		List<Timer> timers = this.hubs.hubs()
			.stream()
			.map((hub) -> Timer.builder(GreenMeters.HUB_LAG.getName())
				.tag(GreenMeters.Keys.HUB.asString(), hub.name())
				.publishPercentiles(0.5, 0.9, 0.99)
				.description("Sampled time from a green thread of the hub becoming runnable to it running")
				.register(registry))
			.toList();
		this.hubs.addLagListener((hub, lag) -> timers.get(hub.index()).record(lag));
	}

	private void bindHubs(MeterRegistry registry) {
		for (GreenHub hub : this.hubs.hubs()) {
			Gauge.builder(GreenMeters.THREADS_ALIVE.getName(), hub, GreenHub::alive)
				.tag(GreenMeters.Keys.HUB.asString(), hub.name())
				.description("Green threads of the hub that have not finished")
				.register(registry);
			FunctionCounter.builder(GreenMeters.THREADS_SPAWNED.getName(), hub, GreenHub::spawnedCount)
				.tag(GreenMeters.Keys.HUB.asString(), hub.name())
				.description("Green threads spawned on the hub")
				.register(registry);
			for (GreenHub.Outcome outcome : GreenHub.Outcome.values()) {
				FunctionCounter
					.builder(GreenMeters.THREADS_COMPLETED.getName(), hub, (counted) -> counted.completedCount(outcome))
					.tags(GreenMeters.Keys.HUB.asString(), hub.name(), GreenMeters.Keys.OUTCOME.asString(),
							outcome.name().toLowerCase())
					.description("Green threads of the hub that finished, by outcome")
					.register(registry);
			}
			FunctionCounter.builder(GreenMeters.THREADS_CHILDREN_KILLED.getName(), hub, GreenHub::childrenKilledCount)
				.tag(GreenMeters.Keys.HUB.asString(), hub.name())
				.description(
						"Green threads of the hub killed because their owner ended by an exception or their scope killed them")
				.register(registry);
			FunctionCounter.builder(GreenMeters.HUB_STALLS.getName(), hub, GreenHub::stallCount)
				.tag(GreenMeters.Keys.HUB.asString(), hub.name())
				.description("Times blocking detection reported the hub's event loop held too long")
				.register(registry);
			FunctionCounter.builder(GreenMeters.HUB_PINNED_PARKS.getName(), hub, GreenHub::pinnedParkCount)
				.tag(GreenMeters.Keys.HUB.asString(), hub.name())
				.description("Times a green thread of the hub parked 20 ms or more pinned to its carrier")
				.register(registry);
			FunctionCounter
				.builder(GreenMeters.HUB_STALL_TIME.getName(), hub, (counted) -> counted.stallTime().toNanos() / 1e9)
				.tag(GreenMeters.Keys.HUB.asString(), hub.name())
				.baseUnit("seconds")
				.description("Total length of the hub's reported stalls that have ended")
				.register(registry);
		}
	}

	private void bindPrimitives(MeterRegistry registry) {
		this.queues.forEach((name, queue) -> {
			Gauge.builder(GreenMeters.QUEUE_SIZE.getName(), queue, GreenQueue::size)
				.tag(GreenMeters.Keys.NAME.asString(), name)
				.tag(GreenMeters.Keys.STORE.asString(), queue.store())
				.register(registry);
			Gauge.builder(GreenMeters.QUEUE_CAPACITY.getName(), queue, GreenQueue::capacity)
				.tag(GreenMeters.Keys.NAME.asString(), name)
				.tag(GreenMeters.Keys.STORE.asString(), queue.store())
				.register(registry);
		});
		this.semaphores.forEach((name, semaphore) -> {
			Gauge.builder(GreenMeters.SEMAPHORE_PERMITS.getName(), semaphore, GreenSemaphore::availablePermits)
				.tag(GreenMeters.Keys.NAME.asString(), name)
				.tag(GreenMeters.Keys.STORE.asString(), semaphore.store())
				.register(registry);
			Gauge.builder(GreenMeters.SEMAPHORE_WAITERS.getName(), semaphore, GreenSemaphore::waiters)
				.tag(GreenMeters.Keys.NAME.asString(), name)
				.tag(GreenMeters.Keys.STORE.asString(), semaphore.store())
				.register(registry);
		});
		this.events.forEach((name, event) -> Gauge
			.builder(GreenMeters.EVENT_READY.getName(), event, (sent) -> sent.isReady() ? 1 : 0)
			.tag(GreenMeters.Keys.NAME.asString(), name)
			.tag(GreenMeters.Keys.STORE.asString(), event.store())
			.register(registry));
	}

}
