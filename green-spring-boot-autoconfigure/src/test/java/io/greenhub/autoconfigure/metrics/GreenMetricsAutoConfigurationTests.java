package io.greenhub.autoconfigure.metrics;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.greenhub.Green;
import io.greenhub.GreenHubGroup;
import io.greenhub.autoconfigure.GreenHubAutoConfiguration;
import io.greenhub.autoconfigure.GreenPrimitivesAutoConfiguration;
import io.greenhub.primitives.GreenEvent;
import io.greenhub.primitives.GreenQueue;
import io.greenhub.primitives.GreenSemaphore;
import io.greenhub.spring.metrics.GreenMeterBinder;
import io.greenhub.spring.metrics.GreenMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class GreenMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withPropertyValues("green.hub.hubs=2", "green.hub.name=metered")
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withConfiguration(AutoConfigurations.of(GreenHubAutoConfiguration.class,
				GreenPrimitivesAutoConfiguration.class, GreenMetricsAutoConfiguration.class));

	@Test
	void greenThreadsAreCountedPerHubAndOutcome() {
		this.runner.run((context) -> {
			MeterRegistry registry = bound(context.getBean(MeterRegistry.class), context.getBean(MeterBinder.class));
			GreenHubGroup group = context.getBean(GreenHubGroup.class);
			var hub = group.hubs().get(0);
			hub.spawn(() -> "ok").join();
			assertThatIllegalStateException().isThrownBy(() -> hub.spawn(() -> {
				throw new IllegalStateException("failed");
			}).join());
			var victim = hub.spawn(() -> Green.blockOn(new java.util.concurrent.CompletableFuture<>()));
			victim.kill();
			org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).until(victim::isDone);
			assertThat(registry.get("green.threads.spawned").tag("hub", "metered-0").functionCounter().count())
				.isEqualTo(3);
			assertThat(registry.get("green.threads.completed")
				.tags("hub", "metered-0", "outcome", "success")
				.functionCounter()
				.count()).isEqualTo(1);
			assertThat(registry.get("green.threads.completed")
				.tags("hub", "metered-0", "outcome", "error")
				.functionCounter()
				.count()).isEqualTo(1);
			assertThat(registry.get("green.threads.completed")
				.tags("hub", "metered-0", "outcome", "killed")
				.functionCounter()
				.count()).isEqualTo(1);
			assertThat(registry.get("green.threads.alive").tag("hub", "metered-0").gauge().value()).isZero();
			assertThat(registry.get("green.hub.stalls").tag("hub", "metered-1").functionCounter().count()).isZero();
			assertThat(registry.get("green.hub.pinned.parks").tag("hub", "metered-1").functionCounter().count())
				.isZero();
		});
	}

	@Test
	void hubLagIsATimerPerHubWithPercentilesFedByTheProbes() {
		this.runner.run((context) -> {
			MeterRegistry registry = bound(context.getBean(MeterRegistry.class), context.getBean(MeterBinder.class));
			for (String hub : new String[] { "metered-0", "metered-1" }) {
				org.awaitility.Awaitility.await()
					.atMost(10, TimeUnit.SECONDS)
					.until(() -> registry.get("green.hub.lag").tag("hub", hub).timer().count() >= 3);
				var snapshot = registry.get("green.hub.lag").tag("hub", hub).timer().takeSnapshot();
				assertThat(snapshot.percentileValues()).extracting((value) -> value.percentile())
					.containsExactly(0.5, 0.9, 0.99);
				assertThat(snapshot.max()).isPositive();
			}
			assertThat(registry.get("green.threads.spawned").tag("hub", "metered-0").functionCounter().count())
				.as("probes are not counted as the application's green threads")
				.isZero();
		});
	}

	@Test
	void namedPrimitivesHaveGauges() {
		this.runner
			.withPropertyValues("green.queues.orders.capacity=10", "green.semaphores.db.permits=3",
					"green.events.ready=")
			.run((context) -> {
				MeterRegistry registry = bound(context.getBean(MeterRegistry.class),
						context.getBean(MeterBinder.class));
				context.getBean("orders", GreenQueue.class).offer("one");
				context.getBean("db", GreenSemaphore.class).tryAcquire();
				context.getBean("ready", GreenEvent.class).send(Boolean.TRUE);
				assertThat(registry.get("green.queue.size").tag("name", "orders").gauge().value()).isEqualTo(1);
				assertThat(registry.get("green.queue.capacity").tag("name", "orders").gauge().value()).isEqualTo(10);
				assertThat(registry.get("green.semaphore.permits").tag("name", "db").gauge().value()).isEqualTo(2);
				assertThat(registry.get("green.semaphore.waiters").tag("name", "db").gauge().value()).isZero();
				assertThat(registry.get("green.event.ready").tag("name", "ready").gauge().value()).isEqualTo(1);
				assertThat(registry.get("green.queue.size").tags("name", "orders", "store", "local").gauge())
					.isNotNull();
				assertThat(registry.get("green.semaphore.permits").tags("name", "db", "store", "local").gauge())
					.isNotNull();
				// the handler and WebSocket meters are the web auto-configuration's, the
				// Redis counters come with Redis primitives
				Set<GreenMeters> redisOnly = EnumSet.of(GreenMeters.QUEUE_REDELIVERIES, GreenMeters.QUEUE_DEAD_LETTERS,
						GreenMeters.QUEUE_LATE_ACKNOWLEDGEMENTS, GreenMeters.SEMAPHORE_LEASE_RENEWALS,
						GreenMeters.SEMAPHORE_LEASE_EXPIRIES);
				assertThat(GreenMeters.values())
					.filteredOn((meter) -> !meter.getName().startsWith("green.handler.")
							&& !meter.getName().startsWith("green.websocket.") && !redisOnly.contains(meter))
					.allSatisfy((meter) -> assertThat(registry.find(meter.getName()).meters()).as(meter.getName())
						.isNotEmpty()
						.allSatisfy(
								(registered) -> assertThat(registered.getId().getType()).isEqualTo(meter.getType())));
			});
	}

	@Test
	void metricsCanBeSwitchedOffAndNeedARegistry() {
		this.runner.withPropertyValues("green.metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(GreenMeterBinder.class));
		new ApplicationContextRunner().withPropertyValues("green.hub.hubs=1")
			.withConfiguration(
					AutoConfigurations.of(GreenHubAutoConfiguration.class, GreenMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(GreenMeterBinder.class));
	}

	private static MeterRegistry bound(MeterRegistry registry, MeterBinder binder) {
		binder.bindTo(registry);
		return registry;
	}

}
