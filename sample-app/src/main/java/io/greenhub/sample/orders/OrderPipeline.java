package io.greenhub.sample.orders;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.greenhub.GreenHubGroup;
import io.greenhub.GreenKilledException;
import io.greenhub.primitives.GreenEvent;
import io.greenhub.primitives.GreenQueue;
import io.greenhub.primitives.GreenSemaphore;
import io.greenhub.sample.downstream.SelfClient;
import io.greenhub.spring.GreenWorkers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The order pipeline: orders go into the {@code orders} queue
 * ({@code green.queues.orders}); green workers take them and call a slow downstream (the
 * app's own {@code /downstream/orders}), at most {@code green.semaphores.downstream}
 * permits of them at once; each order's outcome is sent on its event. The queue carries
 * {@link QueuedOrder}s, plain data; under the {@code redis} profile the queue and the
 * semaphore are shared on Redis by every instance, and so are the outcome events
 * ({@link RedisOrderOutcomes}), so that the instance which took an order answers for it
 * whichever instance's worker processed it.
 *
 * <p>
 * The workers are {@link GreenWorkers}, the application's background green threads, which
 * start with the context and stop with it: at a stop (a close, or a pause of the context)
 * they finish the orders already queued within
 * {@code sample.orders.shutdown-grace-period}, those still at work after it are killed,
 * and a restart of the context starts them again. They stop before the web server's
 * graceful shutdown, as their downstream is this application's own HTTP server.
 */
@Component
public class OrderPipeline {

	private static final Logger logger = LoggerFactory.getLogger(OrderPipeline.class);

	private final GreenQueue<QueuedOrder> queue;

	private final GreenSemaphore downstream;

	private final SelfClient downstreams;

	private final OrdersProperties properties;

	private final GreenWorkers workers;

	private final OrderOutcomes outcomes;

	// Guarded by itself: the orders retained for GET /orders/{id}, oldest first.
	private final Map<String, Order> orders;

	// Written by the workers around each downstream call; read by anyone.
	private final AtomicInteger downstreamCalls = new AtomicInteger();

	// Written by the workers when downstreamCalls reaches a new high; read by anyone.
	private final AtomicInteger peakDownstreamCalls = new AtomicInteger();

	OrderPipeline(@Qualifier("orders") GreenQueue<QueuedOrder> queue,
			@Qualifier("downstream") GreenSemaphore downstream, SelfClient downstreams, GreenHubGroup hubs,
			OrdersProperties properties, OrderOutcomes outcomes) {
		this.queue = queue;
		this.outcomes = outcomes;
		this.downstream = downstream;
		this.downstreams = downstreams;
		this.properties = properties;
		this.workers = GreenWorkers.builder(hubs)
			.name("order-worker")
			.count(properties.workers())
			.gracePeriod(properties.shutdownGracePeriod())
			// before the web server's graceful shutdown: the workers' downstream is this
			// app's server
			.phase(SmartLifecycle.DEFAULT_PHASE)
			.build(this::work);
		this.orders = new LinkedHashMap<>() {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Order> eldest) {
				if (size() > properties.retained()) {
					outcomes.forget(eldest.getKey());
					return true;
				}
				return false;
			}

		};
	}

	/**
	 * Queues a new order if the queue has room; returns at once, or after a round trip to
	 * Redis under the {@code redis} profile.
	 * @param item what is ordered
	 * @param quantity how many
	 * @return the order, or empty if the queue is full or closed
	 */
	Optional<Order> submit(String item, int quantity) {
		String id = UUID.randomUUID().toString();
		Order order = new Order(id, item, quantity, this.outcomes.open(id),
				new GreenEvent<>("order-" + id + "-started"));
		synchronized (this.orders) {
			this.orders.put(id, order);
		}
		boolean queued = false;
		try {
			queued = this.queue.offer(QueuedOrder.of(order));
		}
		finally {
			if (!queued) {
				synchronized (this.orders) {
					this.orders.remove(id);
				}
				this.outcomes.forget(id);
			}
		}
		return queued ? Optional.of(order) : Optional.empty();
	}

	/**
	 * Finds a retained order; returns at once.
	 * @param id the order's identifier
	 * @return the order, or empty if it is unknown or forgotten
	 */
	Optional<Order> find(String id) {
		synchronized (this.orders) {
			return Optional.ofNullable(this.orders.get(id));
		}
	}

	/**
	 * Returns the most downstream calls seen at once since start-up; never more than the
	 * {@code downstream} semaphore's permits.
	 * @return the peak of concurrent downstream calls
	 */
	public int peakDownstreamCalls() {
		return this.peakDownstreamCalls.get();
	}

	/**
	 * Returns the pipeline's workers, a bean of their own, which the context starts and
	 * stops.
	 * @return the workers
	 */
	GreenWorkers workers() {
		return this.workers;
	}

	/**
	 * Takes orders until the workers stop and the queue is empty; runs on a worker's
	 * green thread.
	 */
	private void work(GreenWorkers.Worker worker) {
		for (Optional<QueuedOrder> next = worker.awaitWork(this.queue); next
			.isPresent(); next = worker.awaitWork(this.queue)) {
			QueuedOrder order = next.get();
			find(order.id()).ifPresent(Order::markStarted);
			try {
				send(order, Order.Outcome.done(this.downstream.withPermit(() -> callDownstream(order))));
			}
			catch (GreenKilledException ex) {
				send(order, Order.Outcome.failed(ex));
				throw ex;
			}
			catch (RuntimeException ex) {
				send(order, Order.Outcome.failed(ex));
			}
			finally {
				this.queue.taskDone();
			}
		}
	}

	// On a worker: to the order's event if this instance retains it, else to wherever it
	// lives.
	// Only a Redis event's send can fail (Redis unreachable); the order then stays
	// pending.
	private void send(QueuedOrder queued, Order.Outcome outcome) {
		try {
			Optional<Order> order = find(queued.id());
			if (order.isPresent()) {
				order.get().outcome().send(outcome);
			}
			else {
				this.outcomes.sendElsewhere(queued.id(), outcome);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("The outcome of order {} could not be sent: {}", queued.id(), ex.toString());
		}
	}

	private String callDownstream(QueuedOrder order) {
		this.peakDownstreamCalls.accumulateAndGet(this.downstreamCalls.incrementAndGet(), Math::max);
		try {
			return this.downstreams.downstream("orders", this.properties.downstreamDelay()) + " for order "
					+ order.id();
		}
		finally {
			this.downstreamCalls.decrementAndGet();
		}
	}

}
