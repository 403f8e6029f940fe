package io.greenhub.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Named green primitives, each of which becomes a bean named by its key: {@code green.queues.*},
 * {@code green.semaphores.*} and {@code green.events.*}.
 */
@ConfigurationProperties("green")
public class GreenPrimitivesProperties {

	/**
	 * Queues by bean name.
	 */
	private Map<String, Queue> queues = new LinkedHashMap<>();

	/**
	 * Semaphores by bean name.
	 */
	private Map<String, Semaphore> semaphores = new LinkedHashMap<>();

	/**
	 * Events by bean name.
	 */
	private Map<String, Event> events = new LinkedHashMap<>();

	public Map<String, Queue> getQueues() {
		return this.queues;
	}

	public void setQueues(Map<String, Queue> queues) {
		this.queues = queues;
	}

	public Map<String, Semaphore> getSemaphores() {
		return this.semaphores;
	}

	public void setSemaphores(Map<String, Semaphore> semaphores) {
		this.semaphores = semaphores;
	}

	public Map<String, Event> getEvents() {
		return this.events;
	}

	public void setEvents(Map<String, Event> events) {
		this.events = events;
	}

	/**
	 * A named {@code GreenQueue}.
	 */
	public static class Queue {

		/**
		 * Most items the queue holds; 0 makes a rendezvous. When not set, the queue is unbounded.
		 */
		private @Nullable Integer capacity;

		/**
		 * Order in which items leave the queue.
		 */
		private QueueOrder order = QueueOrder.FIFO;

		public @Nullable Integer getCapacity() {
			return this.capacity;
		}

		public void setCapacity(@Nullable Integer capacity) {
			this.capacity = capacity;
		}

		public QueueOrder getOrder() {
			return this.order;
		}

		public void setOrder(QueueOrder order) {
			this.order = order;
		}

	}

	/**
	 * Order in which items leave a queue.
	 */
	public enum QueueOrder {

		/**
		 * First in, first out.
		 */
		FIFO,

		/**
		 * Last in, first out.
		 */
		LIFO

	}

	/**
	 * A named {@code GreenSemaphore}.
	 */
	public static class Semaphore {

		/**
		 * Number of permits the semaphore starts with.
		 */
		private int permits = 1;

		/**
		 * Whether a release beyond the initial permits is an error.
		 */
		private boolean bounded = true;

		public int getPermits() {
			return this.permits;
		}

		public void setPermits(int permits) {
			this.permits = permits;
		}

		public boolean isBounded() {
			return this.bounded;
		}

		public void setBounded(boolean bounded) {
			this.bounded = bounded;
		}

	}

	/**
	 * A named {@code GreenEvent}; it has no settings.
	 */
	public static class Event {

	}

}
