package io.greenhub.docs.streaming;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.greenhub.Green;
import io.greenhub.spring.GreenHandler;
import io.greenhub.spring.web.GreenEmitter;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@GreenHandler
class GreenTicksController {

	@GetMapping(path = "/green/ticks", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	void ticks(@RequestParam int count, GreenEmitter<ServerSentEvent<Integer>> events) throws IOException {
		if (count > 1000) {
			// nothing is sent yet: answered 400 as from any controller method
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "At most 1000 ticks");
		}
		for (int i = 0; i < count; i++) {
			events.send(ServerSentEvent.builder(i).id(Integer.toString(i)).event("tick").build());
			Green.sleep(Duration.ofMillis(10));
		}
	}

	@GetMapping(path = "/green/report", produces = MediaType.TEXT_PLAIN_VALUE)
	void report(GreenEmitter<String> body) throws IOException {
		for (String line : List.of("first line", "second line", "last line")) {
			body.send(line + "\n");
		}
	}

	@GetMapping(path = "/green/prices", produces = MediaType.APPLICATION_NDJSON_VALUE)
	void prices(GreenEmitter<Price> prices) throws IOException {
		for (int i = 0; i < 3; i++) {
			prices.send(new Price("S" + i, 100 + i));
		}
	}

}
