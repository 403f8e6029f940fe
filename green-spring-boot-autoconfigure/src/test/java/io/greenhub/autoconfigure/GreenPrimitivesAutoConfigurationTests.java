package io.greenhub.autoconfigure;

import io.greenhub.primitives.GreenEvent;
import io.greenhub.primitives.GreenQueue;
import io.greenhub.primitives.GreenSemaphore;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class GreenPrimitivesAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GreenPrimitivesAutoConfiguration.class));

	@Test
	void eachNamedPrimitiveBecomesABeanNamedByItsKey() {
		this.runner
			.withPropertyValues("green.queues.orders.capacity=100", "green.queues.jobs.order=lifo",
					"green.queues.handoff.capacity=0", "green.semaphores.downstream.permits=8",
					"green.semaphores.loose.bounded=false", "green.events.ready=")
			.run((context) -> {
				GreenQueue<?> orders = context.getBean("orders", GreenQueue.class);
				assertThat(orders.name()).isEqualTo("orders");
				assertThat(orders.capacity()).isEqualTo(100);
				assertThat(context.getBean("jobs", GreenQueue.class).capacity()).isEqualTo(Integer.MAX_VALUE);
				assertThat(context.getBean("handoff", GreenQueue.class).capacity()).isZero();
				GreenSemaphore downstream = context.getBean("downstream", GreenSemaphore.class);
				assertThat(downstream.availablePermits()).isEqualTo(8);
				assertThat(downstream.isBounded()).isTrue();
				assertThat(context.getBean("loose", GreenSemaphore.class).isBounded()).isFalse();
				assertThat(context.getBean("ready", GreenEvent.class).name()).isEqualTo("ready");
			});
	}

	@Test
	void namedPrimitivesAreInjectableByQualifierAndByParameterNameWithTheirGenerics() {
		this.runner.withPropertyValues("green.queues.orders.capacity=10", "green.queues.refunds.capacity=5")
			.withUserConfiguration(Consumers.class)
			.run((context) -> {
				Consumers.Injected injected = context.getBean(Consumers.Injected.class);
				assertThat(injected.byQualifier().name()).isEqualTo("orders");
				assertThat(injected.byName().name()).isEqualTo("refunds");
			});
	}

	@Test
	void aBeanOfTheApplicationWithTheSameNameIsLeftAlone() {
		this.runner.withPropertyValues("green.semaphores.db.permits=3")
			.withBean("db", GreenSemaphore.class, () -> new GreenSemaphore("mine", 1))
			.run((context) -> assertThat(context.getBean("db", GreenSemaphore.class).name()).isEqualTo("mine"));
	}

	@Test
	void badValuesFailAtStartNamingTheProperty() {
		this.runner.withPropertyValues("green.queues.orders.capacity=-1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("rejected value [-1]")
				.hasMessageContaining("green.queues.orders.capacity must not be negative"));
		this.runner.withPropertyValues("green.semaphores.db.permits=-2")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("green.semaphores.db.permits must not be negative"));
		this.runner.withPropertyValues("green.queues.orders.order=sideways")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("green.queues.orders.order"));
	}

	@Configuration(proxyBeanMethods = false)
	static class Consumers {

		@Bean
		Injected injected(@Qualifier("orders") GreenQueue<Order> queue, GreenQueue<Refund> refunds) {
			return new Injected(queue, refunds);
		}

		record Injected(GreenQueue<Order> byQualifier, GreenQueue<Refund> byName) {
		}

		record Order(String id) {
		}

		record Refund(String id) {
		}

	}

}
