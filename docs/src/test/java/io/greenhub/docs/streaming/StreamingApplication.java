package io.greenhub.docs.streaming;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The streaming guide's application: its green controller and the reactive one beside it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ GreenTicksController.class, ReactiveTicksController.class })
class StreamingApplication {

}
