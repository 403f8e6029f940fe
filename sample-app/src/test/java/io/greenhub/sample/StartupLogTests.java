package io.greenhub.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up log says which mode the hubs run in, as the README tells readers to check.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupLogTests {

	@Test
	void theStartupLogSaysTheHubsRunInLoopMode(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.profiles("test")
			.run("--server.port=0")) {
			assertThat(context.isRunning()).isTrue();
		}
		assertThat(output.getOut()).containsPattern("Hub group 'green' runs \\d+ hubs in loop mode");
	}

}
