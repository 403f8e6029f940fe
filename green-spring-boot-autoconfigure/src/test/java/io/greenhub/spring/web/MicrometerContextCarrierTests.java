package io.greenhub.spring.web;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import org.junit.jupiter.api.Test;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

class MicrometerContextCarrierTests {

	@Test
	void withNoThreadLocalAccessorRegisteredNoSnapshotIsTaken() {
		MicrometerContextCarrier carrier = new MicrometerContextCarrier(new ContextRegistry());
		assertThat(carrier.capture(Context.of("key", "value"))).isNull();
	}

	@Test
	void aRegisteredAccessorsValueIsCapturedFromTheReactorContextAndRestoredAndUndone() throws Exception {
		ThreadLocal<String> local = new ThreadLocal<>();
		ContextRegistry registry = new ContextRegistry().loadContextAccessors()
			.registerThreadLocalAccessor("request", local);
		MicrometerContextCarrier carrier = new MicrometerContextCarrier(registry);
		Object captured = carrier.capture(Context.of("request", "r-1"));
		assertThat(captured).isInstanceOf(ContextSnapshot.class);
		try (AutoCloseable scope = carrier.restore(captured)) {
			assertThat(local.get()).isEqualTo("r-1");
		}
		assertThat(local.get()).isNull();
	}

}
