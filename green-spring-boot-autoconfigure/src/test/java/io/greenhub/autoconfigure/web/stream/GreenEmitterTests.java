package io.greenhub.autoconfigure.web.stream;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.greenhub.GreenHubGroup;
import io.greenhub.spring.web.GreenEmitter;
import io.greenhub.spring.web.GreenRequestDispatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.awaitility.Awaitility.await;

/**
 * Streamed responses of green handlers ({@link GreenEmitter}) over real sockets, in the
 * default hub mode; {@link GreenEmitterPoolModeTests} runs them again in pool mode.
 */
@SpringBootTest(classes = StreamingApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "green.hub.hubs=2", "spring.webflux.problemdetails.enabled=true",
				"green.handler.timeout=300ms" })
@AutoConfigureWebTestClient
class GreenEmitterTests {

	/**
	 * The most events the server may have sent beyond what the client has read: those in
	 * the two sockets' small buffers, in Reactor Netty's and WebFlux's demand (about 200
	 * in all at this size), with room to spare; a tenth of the long stream below.
	 */
	private static final long BOUND = 1000;

	/**
	 * The most bytes Netty may queue for a client that stops reading: Reactor Netty's
	 * demand of 128 buffers, of events of a kilobyte here, with room to spare.
	 */
	private static final long QUEUED_BYTES = 256 * 1024;

	@Autowired
	private WebTestClient client;

	@Autowired
	private GreenHubGroup hubs;

	@Autowired
	private GreenRequestDispatcher dispatcher;

	@LocalServerPort
	private int port;

	@BeforeEach
	void reset() {
		StreamingController.reset();
	}

	@Test
	void tenThousandEventsReachASlowClientWithTheSendsNeverFarAheadOfWhatItRead() throws IOException {
		try (StreamSocket stream = StreamSocket.get(this.port, "/stream/events?count=10000&size=100")) {
			assertThat(stream.head()).startsWith("HTTP/1.1 200")
				.containsIgnoringCase("content-type: text/event-stream");
			long read = 0;
			for (String event = stream.readEvent(); event != null; event = stream.readEvent()) {
				assertThat(event).startsWith("id:" + read + "\n");
				read++;
				assertThat(StreamingController.sent.get() - read).as("sent beyond read").isLessThanOrEqualTo(BOUND);
				if (read % 2500 == 0 && read < 10_000) {
					// the client pauses: the handler goes on until the pipe is full, then
					// parks in a send
					awaitParkedInSend();
					assertThat(StreamingController.sent.get() - read).as("sent beyond read").isLessThanOrEqualTo(BOUND);
				}
			}
			assertThat(read).isEqualTo(10_000);
		}
		assertThat(StreamingController.unwound).succeedsWithin(Duration.ofSeconds(10));
	}

	@Test
	void aClientThatStopsReadingParksTheSenderAndItsSendCountStops() throws IOException {
		try (StreamSocket stream = StreamSocket.get(this.port, "/stream/events?count=-1&size=1000")) {
			for (int i = 0; i < 5; i++) {
				assertThat(stream.readEvent()).startsWith("id:" + i);
			}
			long parked = awaitParkedInSend();
			assertThat(parked).isLessThanOrEqualTo(5 + BOUND);
			// what Netty holds for the client, beyond the sockets' buffers: Reactor
			// Netty's demand
			assertThat(StreamingController.channel.unsafe().outboundBuffer().totalPendingWriteBytes())
				.as("bytes queued for the client")
				.isLessThan(QUEUED_BYTES);
			await().during(Duration.ofMillis(300))
				.atMost(Duration.ofSeconds(5))
				.until(() -> StreamingController.sent.get() == parked);
		}
		// the endless handler, parked in a send, is killed when its client goes away
		assertThat(StreamingController.unwound).succeedsWithin(Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.hubs.alive() == 0);
	}

	@Test
	void aClientThatDisconnectsKillsTheHandlerAndItsFinallyRuns() throws IOException {
		long cancelled = this.dispatcher.cancelledCount();
		try (StreamSocket stream = StreamSocket.get(this.port, "/stream/parked")) {
			assertThat(stream.readEvent()).isEqualTo("data:first");
		}
		// the handler waits on a future nothing completes: only the kill unwinds it
		assertThat(StreamingController.unwound).succeedsWithin(Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.hubs.alive() == 0);
		assertThat(this.dispatcher.cancelledCount()).isEqualTo(cancelled + 1);
	}

	@Test
	void anExceptionBeforeTheFirstEventIsAnsweredAsForAnyControllerMethod() {
		this.client.get()
			.uri("/stream/fail-before?kind=status")
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("Conflict before the first event");
		this.client.get()
			.uri("/stream/fail-before?kind=handled")
			.exchange()
			.expectStatus()
			.isEqualTo(422)
			.expectBody(String.class)
			.isEqualTo("handled: Handled before the first event");
		this.client.get().uri("/stream/fail-before?kind=unhandled").exchange().expectStatus().is5xxServerError();
	}

	@Test
	void anExceptionAfterTheFirstEventAbortsTheStream() throws IOException {
		for (String kind : List.of("handled", "unhandled", "status")) {
			try (StreamSocket stream = StreamSocket.get(this.port, "/stream/fail-after?kind=" + kind)) {
				assertThat(stream.head()).startsWith("HTTP/1.1 200");
				assertThat(stream.readEvent()).isEqualTo("data:first");
				assertThatIOException().as(kind).isThrownBy(stream::readEvent).withMessageContaining("aborted");
			}
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.hubs.alive() == 0);
	}

	@Test
	void theStreamEndsWhenTheMethodReturnsAndOneThatSentNothingIsEmpty() {
		List<ServerSentEvent<String>> events = this.client.get()
			.uri("/stream/events?count=3")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(events).extracting(ServerSentEvent::id).containsExactly("0", "1", "2");
		assertThat(events).extracting(ServerSentEvent::data).containsOnly("x".repeat(16));
		this.client.get()
			.uri("/stream/events?count=0")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
			.expectBody()
			.isEmpty();
	}

	@Test
	void aPlainBodyIsStreamedChunkByChunkAndObjectsAsJsonLines() {
		String body = this.client.get()
			.uri("/stream/lines?count=1000")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Transfer-Encoding", "chunked")
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).hasLineCount(1000).startsWith("line 0\n").endsWith("line 999\n");
		List<StreamingController.Item> items = this.client.get()
			.uri("/stream/items?count=50")
			.exchange()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
			.returnResult(StreamingController.Item.class)
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(items).hasSize(50).allMatch(StreamingController.Item::green);
	}

	@Test
	void greenHandlerTimeoutDoesNotLimitAStreamingHandler() {
		List<String> events = this.client.get()
			.uri("/stream/slow?pauseMillis=600")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(events).containsExactly("before", "after");
	}

	/**
	 * Waits until the streaming handler is parked in a send with its count unchanged
	 * between two looks, and returns the count.
	 */
	static long awaitParkedInSend() {
		AtomicLong seen = new AtomicLong(-1);
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
			long now = StreamingController.sent.get();
			return isParkedInSend(StreamingController.handler) && seen.getAndSet(now) == now;
		});
		return seen.get();
	}

	private static boolean isParkedInSend(Thread thread) {
		if (thread == null
				|| (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING)) {
			return false;
		}
		return Arrays.stream(thread.getStackTrace())
			.anyMatch((frame) -> frame.getClassName().equals(GreenEmitter.class.getName())
					&& frame.getMethodName().equals("send"));
	}

}
