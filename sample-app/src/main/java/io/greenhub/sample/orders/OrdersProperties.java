package io.greenhub.sample.orders;

import java.time.Duration;

import io.greenhub.sample.PropertyChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The order pipeline's settings, under {@code sample.orders}; the queue and the semaphore
 * are {@code green.queues.orders} and {@code green.semaphores.downstream}. Checked at
 * start-up.
 *
 * @param workers how many green workers take orders from the queue
 * @param downstreamDelay how long the slow downstream takes per order (0 to 10s)
 * @param retained how many orders are kept for {@code GET /orders/{id}}; the oldest are
 * forgotten
 * @param shutdownGracePeriod how long the workers may go on with the queued orders at
 * shutdown
 */
@ConfigurationProperties("sample.orders")
public record OrdersProperties(@DefaultValue("16") int workers, @DefaultValue("200ms") Duration downstreamDelay,
		@DefaultValue("10000") int retained, @DefaultValue("5s") Duration shutdownGracePeriod) {

	public OrdersProperties {
		PropertyChecks.check(workers > 0 && workers <= 1000, "sample.orders.workers", workers,
				"it must be between 1 and 1000");
		PropertyChecks.check(!downstreamDelay.isNegative() && downstreamDelay.compareTo(Duration.ofSeconds(10)) <= 0,
				"sample.orders.downstream-delay", downstreamDelay, "it must be between 0 and 10s");
		PropertyChecks.check(retained > 0, "sample.orders.retained", retained, "it must be positive");
		PropertyChecks.positive("sample.orders.shutdown-grace-period", shutdownGracePeriod);
	}

}
