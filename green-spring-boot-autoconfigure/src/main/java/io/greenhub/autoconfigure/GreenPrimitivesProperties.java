package io.greenhub.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Named green primitives, each of which becomes a bean named by its key:
 * {@code green.queues.*}, {@code green.semaphores.*} and {@code green.events.*}.
 * Validated when bound: a value out of its range, or a setting a primitive on Redis
 * cannot honour, fails the start naming its property.
 */
@ConfigurationProperties("green")
public class GreenPrimitivesProperties implements Validator {

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

	@Override
	public boolean supports(Class<?> type) {
		return GreenPrimitivesProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		GreenPrimitivesProperties properties = (GreenPrimitivesProperties) target;
		properties.getQueues().forEach((name, queue) -> {
			Integer capacity = queue.getCapacity();
			String property = "green.queues." + name;
			if (capacity != null && capacity < 0) {
				errors.rejectValue("queues[" + name + "].capacity", "notNegative",
						property + ".capacity must not be negative; 0 makes a rendezvous queue.");
			}
			else if (queue.getStore() == Store.REDIS && capacity != null && capacity < 1) {
				errors.rejectValue("queues[" + name + "].capacity", "positive",
						property + ".capacity must be at least 1 for a queue on Redis: it cannot be a rendezvous.");
			}
			if (queue.getStore() == Store.REDIS && queue.getOrder() != QueueOrder.FIFO) {
				errors.rejectValue("queues[" + name + "].order", "unsupported",
						property + ".order must be fifo for a queue on Redis, which is a stream.");
			}
		});
		properties.getSemaphores().forEach((name, semaphore) -> {
			String property = "green.semaphores." + name + ".permits";
			if (semaphore.getPermits() < 0) {
				errors.rejectValue("semaphores[" + name + "].permits", "notNegative",
						property + " must not be negative.");
			}
			else if (semaphore.getStore() == Store.REDIS && semaphore.getPermits() < 1) {
				errors.rejectValue("semaphores[" + name + "].permits", "positive",
						property + " must be at least 1 for a semaphore on Redis.");
			}
		});
		properties.getEvents().forEach((name, event) -> {
			if (event.getStore() == Store.REDIS && event.getTimeToLive().toMillis() < 1) {
				errors.rejectValue("events[" + name + "].timeToLive", "min",
						"green.events." + name + ".time-to-live must be at least 1 ms for an event on Redis.");
			}
		});
	}

	/**
	 * A named {@code GreenQueue}.
	 */
	public static class Queue {

		/**
		 * Most items the queue holds; 0 makes a rendezvous. When not set, the queue is
		 * unbounded.
		 */
		private @Nullable Integer capacity;

		/**
		 * Order in which items leave the queue.
		 */
		private QueueOrder order = QueueOrder.FIFO;

		/**
		 * Where the items live: in this JVM, or in a Redis stream shared by every
		 * instance.
		 */
		private Store store = Store.LOCAL;

		/**
		 * Fully qualified name of the class the items of a Redis queue are read as from
		 * their JSON. When not set, they are read as JSON values: maps, lists, strings,
		 * numbers and booleans.
		 */
		private @Nullable String type;

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

		public Store getStore() {
			return this.store;
		}

		public void setStore(Store store) {
			this.store = store;
		}

		public @Nullable String getType() {
			return this.type;
		}

		public void setType(@Nullable String type) {
			this.type = type;
		}

	}

	/**
	 * Where the state of a named primitive lives.
	 */
	public enum Store {

		/**
		 * In this JVM.
		 */
		LOCAL,

		/**
		 * In Redis, shared by every instance, through Spring Boot's Redis connection.
		 */
		REDIS

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

		/**
		 * Where the permits live: in this JVM, or in Redis as leases shared by every
		 * instance.
		 */
		private Store store = Store.LOCAL;

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

		public Store getStore() {
			return this.store;
		}

		public void setStore(Store store) {
			this.store = store;
		}

	}

	/**
	 * A named {@code GreenEvent}.
	 */
	public static class Event {

		/**
		 * Where the outcome lives: in this JVM, or in Redis, sent once for every
		 * instance.
		 */
		private Store store = Store.LOCAL;

		/**
		 * Fully qualified name of the class the value of a Redis event is read as from
		 * its JSON. When not set, it is read as a JSON value: a map, list, string, number
		 * or boolean.
		 */
		private @Nullable String type;

		/**
		 * How long the value sent to a Redis event stays in Redis.
		 */
		private Duration timeToLive = Duration.ofDays(1);

		public Store getStore() {
			return this.store;
		}

		public void setStore(Store store) {
			this.store = store;
		}

		public @Nullable String getType() {
			return this.type;
		}

		public void setType(@Nullable String type) {
			this.type = type;
		}

		public Duration getTimeToLive() {
			return this.timeToLive;
		}

		public void setTimeToLive(Duration timeToLive) {
			this.timeToLive = timeToLive;
		}

	}

}
