package io.greenhub.sample.orders;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.greenhub.GreenHubGroup;
import io.greenhub.GreenKilledException;
import io.greenhub.GreenQueue;
import io.greenhub.GreenQueueClosedException;
import io.greenhub.GreenSemaphore;
import io.greenhub.GreenThread;
import io.greenhub.GreenTimeoutException;
import io.greenhub.sample.downstream.SelfClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The order pipeline: orders go into the {@code orders} queue ({@code green.queues.orders}); green
 * workers take them and call a slow downstream (the app's own {@code /downstream/orders}), at most
 * {@code green.semaphores.downstream} permits of them at once; each order's outcome is sent on its
 * event.
 *
 * <p>The workers start after the web server, and stop before it: the queue is closed, the workers
 * finish the orders already queued within {@code sample.orders.shutdown-grace-period}, and those
 * still running after it are killed.
 */
@Component
public class OrderPipeline implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(OrderPipeline.class);

	private final GreenQueue<Order> queue;

	private final GreenSemaphore downstream;

	private final SelfClient downstreams;

	private final GreenHubGroup hubs;

	private final OrdersProperties properties;

	// Guarded by itself: the orders retained for GET /orders/{id}, oldest first.
	private final Map<String, Order> orders;

	// Written by start and stop, on the thread that starts and stops the context.
	private final List<GreenThread<?>> workers = new ArrayList<>();

	// Written by the workers around each downstream call; read by anyone.
	private final AtomicInteger downstreamCalls = new AtomicInteger();

	// Written by the workers when downstreamCalls reaches a new high; read by anyone.
	private final AtomicInteger peakDownstreamCalls = new AtomicInteger();

	OrderPipeline(@Qualifier("orders") GreenQueue<Order> queue, @Qualifier("downstream") GreenSemaphore downstream,
			SelfClient downstreams, GreenHubGroup hubs, OrdersProperties properties) {
		this.queue = queue;
		this.downstream = downstream;
		this.downstreams = downstreams;
		this.hubs = hubs;
		this.properties = properties;
		this.orders = new LinkedHashMap<>() {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Order> eldest) {
				return size() > properties.retained();
			}

		};
	}

	/**
	 * Queues a new order if the queue has room; returns at once.
	 * @param item what is ordered
	 * @param quantity how many
	 * @return the order, or empty if the queue is full or closed
	 */
	Optional<Order> submit(String item, int quantity) {
		Order order = new Order(UUID.randomUUID().toString(), item, quantity);
		synchronized (this.orders) {
			this.orders.put(order.id(), order);
		}
		if (this.queue.offer(order)) {
			return Optional.of(order);
		}
		synchronized (this.orders) {
			this.orders.remove(order.id());
		}
		return Optional.empty();
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

	/** Starts the workers; called on the thread that starts the context, after the web server. */
	@Override
	public void start() {
		for (int i = 0; i < this.properties.workers(); i++) {
			this.workers.add(this.hubs.next().spawn(this::work));
		}
	}

	/** Takes orders until the queue is closed and empty; runs on a worker's green thread. */
	private void work() {
		for (;;) {
			Order order;
			try {
				order = this.queue.take();
			}
			catch (GreenQueueClosedException ex) {
				return;
			}
			try {
				order.outcome().send(Order.Outcome.done(this.downstream.withPermit(() -> callDownstream(order))));
			}
			catch (GreenKilledException ex) {
				order.outcome().send(Order.Outcome.failed(ex));
				throw ex;
			}
			catch (RuntimeException ex) {
				order.outcome().send(Order.Outcome.failed(ex));
			}
			finally {
				this.queue.taskDone();
			}
		}
	}

	private String callDownstream(Order order) {
		this.peakDownstreamCalls.accumulateAndGet(this.downstreamCalls.incrementAndGet(), Math::max);
		try {
			return this.downstreams.downstream("orders", this.properties.downstreamDelay()) + " for order " + order.id();
		}
		finally {
			this.downstreamCalls.decrementAndGet();
		}
	}

	/**
	 * Closes the queue, lets the workers finish the queued orders within the grace period, and
	 * kills those still running; called on the thread that stops the context, before the web server
	 * stops.
	 */
	@Override
	public void stop() {
		this.queue.close();
		long deadline = System.nanoTime() + this.properties.shutdownGracePeriod().toNanos();
		for (GreenThread<?> worker : this.workers) {
			try {
				worker.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
			}
			catch (GreenTimeoutException ex) {
				logger.info("Order worker {} still runs after the grace period; killing it", worker.name());
				worker.kill();
			}
			catch (RuntimeException ex) {
				logger.warn("Order worker {} failed", worker.name(), ex);
			}
		}
		this.workers.clear();
	}

	@Override
	public boolean isRunning() {
		return !this.workers.isEmpty();
	}

}
