package io.greenhub.docs.gettingstarted;

import java.time.Duration;

import io.greenhub.Green;
import io.greenhub.spring.GreenHandler;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@GreenHandler
class HelloController {

	@GetMapping("/hello")
	String hello(@RequestParam(defaultValue = "world") String name) throws InterruptedException {
		Thread.sleep(Duration.ofMillis(100)); // parks this green thread; the event loop serves others
		return "Hello, " + name + ", from " + Green.currentThread().name() + " on hub " + Green.currentHub().name()
				+ " in " + Green.currentHub().mode() + " mode";
	}

}
