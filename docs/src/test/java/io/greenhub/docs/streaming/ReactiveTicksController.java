package io.greenhub.docs.streaming;

import java.time.Duration;

import reactor.core.publisher.Flux;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
class ReactiveTicksController {

	@GetMapping(path = "/reactive/ticks", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<Integer>> ticks(@RequestParam int count) {
		if (count > 1000) {
			return Flux.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, "At most 1000 ticks"));
		}
		return Flux.range(0, count)
			.delayElements(Duration.ofMillis(10))
			.map((i) -> ServerSentEvent.builder(i).id(Integer.toString(i)).event("tick").build());
	}

	@GetMapping(path = "/reactive/report", produces = MediaType.TEXT_PLAIN_VALUE)
	Flux<String> report() {
		return Flux.just("first line", "second line", "last line").map((line) -> line + "\n");
	}

	@GetMapping(path = "/reactive/prices", produces = MediaType.APPLICATION_NDJSON_VALUE)
	Flux<Price> prices() {
		return Flux.range(0, 3).map((i) -> new Price("S" + i, 100 + i));
	}

}
