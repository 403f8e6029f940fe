package io.greenhub.docs.concepts;

import java.time.Duration;

import io.greenhub.autoconfigure.GreenHubGroupCustomizer;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
class ConceptsApplication {

	@Bean
	GreenHubGroupCustomizer slowerBlockingDetection() {
		return (builder) -> builder.blockingDetectionThreshold(Duration.ofMillis(250)).pinnedParkReports(false);
	}

}
