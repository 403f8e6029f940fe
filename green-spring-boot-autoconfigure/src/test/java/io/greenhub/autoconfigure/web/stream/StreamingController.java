package io.greenhub.autoconfigure.web.stream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.greenhub.Green;
import io.greenhub.spring.GreenHandler;
import io.greenhub.spring.web.GreenEmitter;
import io.netty.channel.Channel;
import reactor.netty.Connection;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Green handlers that stream, with what the tests watch of them: written by the handlers'
 * green threads, read by the tests; {@link #reset} before each test.
 */
@RestController
@GreenHandler
class StreamingController {

	/** Sends that returned, of the handler of {@code /stream/events}. */
	static final AtomicLong sent = new AtomicLong();

	/**
	 * The green thread of the last {@code /stream/events} or {@code /stream/parked}
	 * handler.
	 */
	static volatile Thread handler;

	/**
	 * The channel of the last {@code /stream/events} request, to see what Netty queues
	 * for it.
	 */
	static volatile Channel channel;

	/**
	 * Completed by the finally block of {@code /stream/events} and
	 * {@code /stream/parked}.
	 */
	static volatile CompletableFuture<Void> unwound = new CompletableFuture<>();

	/** What the {@code /stream/h2/{n}} handlers wait on after their first event. */
	static volatile CompletableFuture<Void> gate = new CompletableFuture<>();

	static final AtomicInteger started = new AtomicInteger();

	static final Set<Integer> killed = ConcurrentHashMap.newKeySet();

	static final Set<Integer> finished = ConcurrentHashMap.newKeySet();

	static final Set<Thread> threads = ConcurrentHashMap.newKeySet();

	static final Set<String> hubs = ConcurrentHashMap.newKeySet();

	static final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

	static void reset() {
		sent.set(0);
		handler = null;
		channel = null;
		unwound = new CompletableFuture<>();
		gate = new CompletableFuture<>();
		started.set(0);
		killed.clear();
		finished.clear();
		threads.clear();
		hubs.clear();
		clientPorts.clear();
	}

	/**
	 * {@code count} events of {@code size} bytes of data each; endless for a negative
	 * count.
	 */
	@GetMapping(path = "/stream/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	void events(@RequestParam int count, @RequestParam(defaultValue = "16") int size, ServerHttpRequest request,
			GreenEmitter<ServerSentEvent<String>> events) throws IOException {
		handler = Thread.currentThread();
		channel = ((Connection) ServerHttpRequestDecorator.getNativeRequest(request)).channel();
		String data = "x".repeat(size);
		try {
			for (long i = 0; count < 0 || i < count; i++) {
				events.send(ServerSentEvent.builder(data).id(Long.toString(i)).build());
				sent.incrementAndGet();
			}
		}
		finally {
			unwound.complete(null);
		}
	}

	/** One event, then a wait that only a kill ends. */
	@GetMapping(path = "/stream/parked", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	void parked(GreenEmitter<String> events) throws IOException {
		handler = Thread.currentThread();
		try {
			events.send("first");
			Green.blockOn(new CompletableFuture<Void>());
		}
		finally {
			unwound.complete(null);
		}
	}

	/** One event, a pause longer than the tests' green.handler.timeout, another event. */
	@GetMapping(path = "/stream/slow", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	void slow(@RequestParam long pauseMillis, GreenEmitter<String> events) throws IOException {
		events.send("before");
		Green.sleep(Duration.ofMillis(pauseMillis));
		events.send("after");
	}

	@GetMapping(path = "/stream/fail-before", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	void failBefore(@RequestParam String kind, GreenEmitter<String> events) {
		throw failure(kind, "before the first event");
	}

	@GetMapping(path = "/stream/fail-after", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	void failAfter(@RequestParam String kind, GreenEmitter<String> events) throws IOException {
		events.send("first");
		throw failure(kind, "after the first event");
	}

	private static RuntimeException failure(String kind, String when) {
		return switch (kind) {
			case "status" -> new ResponseStatusException(HttpStatus.CONFLICT, "Conflict " + when);
			case "handled" -> new IllegalArgumentException("Handled " + when);
			default -> new IllegalStateException("Unhandled " + when);
		};
	}

	@ExceptionHandler
	ResponseEntity<String> handled(IllegalArgumentException ex) {
		return ResponseEntity.status(422).contentType(MediaType.TEXT_PLAIN).body("handled: " + ex.getMessage());
	}

	/** {@code count} lines of a plain streamed body. */
	@GetMapping(path = "/stream/lines", produces = MediaType.TEXT_PLAIN_VALUE)
	void lines(@RequestParam int count, GreenEmitter<String> body) throws IOException {
		for (int i = 0; i < count; i++) {
			body.send("line " + i + "\n");
		}
	}

	record Item(int number, boolean green) {
	}

	/** {@code count} items as newline-delimited JSON. */
	@GetMapping(path = "/stream/items", produces = MediaType.APPLICATION_NDJSON_VALUE)
	void items(@RequestParam int count, GreenEmitter<Item> items) throws IOException {
		for (int i = 0; i < count; i++) {
			items.send(new Item(i, Green.isGreen()));
		}
	}

	/**
	 * An event, a wait on the gate, another event: many of them in flight at once on one
	 * HTTP/2 connection.
	 */
	@GetMapping(path = "/stream/h2/{n}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	void h2(@PathVariable int n, ServerHttpRequest request, GreenEmitter<String> events) throws IOException {
		threads.add(Thread.currentThread());
		hubs.add(Green.currentHub().name());
		InetSocketAddress client = Objects.requireNonNull(request.getRemoteAddress());
		clientPorts.add(client.getPort());
		boolean done = false;
		try {
			events.send("start " + n);
			started.incrementAndGet();
			Green.blockOn(gate);
			events.send("end " + n);
			done = true;
		}
		finally {
			(done ? finished : killed).add(n);
		}
	}

	/** A plain green handler, to see its protocol. */
	@GetMapping("/stream/hello")
	String hello() {
		return "green " + Green.isGreen();
	}

}
