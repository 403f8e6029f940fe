package io.greenhub.autoconfigure;

import java.time.Duration;

import io.greenhub.GreenHubGroup;
import io.greenhub.GreenThread;
import io.greenhub.primitives.GreenEvent;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a stop of the context does to the application's green threads: nothing, unless the
 * context closes.
 */
class GreenHubLifecycleTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GreenHubAutoConfiguration.class))
		.withPropertyValues("green.hub.hubs=1");

	@Test
	void aStopOrAPauseOfTheContextKillsNoGreenThreadAndACloseEndsThem() {
		GreenThread<?>[] parked = new GreenThread<?>[1];
		this.runner.run((context) -> {
			GreenHubGroup hubs = context.getBean(GreenHubGroup.class);
			GreenEvent<String> never = new GreenEvent<>("never");
			parked[0] = hubs.spawn(never::await);
			await().atMost(Duration.ofSeconds(5)).until(() -> hubs.alive() == 1);
			context.stop();
			assertThat(parked[0].isDone()).as("killed by a stop").isFalse();
			context.start();
			context.getSourceApplicationContext().pause();
			assertThat(parked[0].isDone()).as("killed by a pause").isFalse();
			context.getSourceApplicationContext().restart();
			assertThat(hubs.alive()).isEqualTo(1);
		});
		assertThat(parked[0].isDone()).as("ended by the close").isTrue();
	}

}
