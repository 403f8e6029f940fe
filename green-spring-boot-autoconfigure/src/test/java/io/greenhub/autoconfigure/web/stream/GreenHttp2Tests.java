package io.greenhub.autoconfigure.web.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.greenhub.GreenHubGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Green handlers, streaming ones, over HTTP/2 in clear text (h2c, with prior knowledge),
 * in the default hub mode; {@link GreenHttp2PoolModeTests} runs them again in pool mode.
 */
@SpringBootTest(classes = StreamingApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "green.hub.hubs=2", "server.http2.enabled=true" })
class GreenHttp2Tests {

	private static final int STREAMS = 100;

	@Autowired
	private GreenHubGroup hubs;

	@LocalServerPort
	private int port;

	// One connection at most: every request is a stream of it.
	private final ConnectionProvider oneConnection = ConnectionProvider.builder("h2c")
		.maxConnections(1)
		.pendingAcquireMaxCount(-1)
		.build();

	private WebClient client;

	@BeforeEach
	void reset() {
		StreamingController.reset();
		HttpClient http = HttpClient.create(this.oneConnection)
			.protocol(HttpProtocol.H2C)
			.baseUrl("http://127.0.0.1:" + this.port);
		this.client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
	}

	@AfterEach
	void closeConnection() {
		this.oneConnection.disposeLater().block(Duration.ofSeconds(10));
	}

	@Test
	void aHundredStreamsOfOneConnectionRunAtOnceEachOnItsOwnGreenThreadOfTheConnectionsHub() {
		List<CompletableFuture<List<String>>> bodies = open(STREAMS).bodies();
		await().atMost(Duration.ofSeconds(30)).until(() -> StreamingController.started.get() == STREAMS);
		assertThat(StreamingController.clientPorts).as("client connections").hasSize(1);
		assertThat(StreamingController.threads).as("green threads").hasSize(STREAMS);
		assertThat(StreamingController.hubs).as("hubs").hasSize(1);
		StreamingController.gate.complete(null);
		for (int i = 0; i < STREAMS; i++) {
			assertThat(bodies.get(i)).succeedsWithin(Duration.ofSeconds(10))
				.isEqualTo(List.of("start " + i, "end " + i));
		}
		assertThat(StreamingController.finished).hasSize(STREAMS);
		assertThat(StreamingController.killed).isEmpty();
	}

	@Test
	void resettingOneStreamKillsOnlyItsHandler() {
		Opened opened = open(STREAMS);
		await().atMost(Duration.ofSeconds(30)).until(() -> StreamingController.started.get() == STREAMS);
		// the client cancels stream 7: a RST_STREAM on the connection the others go on
		// using
		opened.subscriptions().get(7).dispose();
		await().atMost(Duration.ofSeconds(10)).until(() -> StreamingController.killed.contains(7));
		assertThat(StreamingController.killed).containsExactly(7);
		assertThat(StreamingController.finished).isEmpty();
		StreamingController.gate.complete(null);
		for (int i = 0; i < STREAMS; i++) {
			if (i != 7) {
				assertThat(opened.bodies().get(i)).succeedsWithin(Duration.ofSeconds(10))
					.isEqualTo(List.of("start " + i, "end " + i));
			}
		}
		assertThat(StreamingController.finished).hasSize(STREAMS - 1).doesNotContain(7);
		assertThat(StreamingController.killed).containsExactly(7);
		assertThat(StreamingController.clientPorts).as("client connections").hasSize(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.hubs.alive() == 0);
	}

	@Test
	void aLongStreamIsWrittenOverHttp2() {
		List<String> events = this.client.get()
			.uri("/stream/events?count=2000&size=100")
			.retrieve()
			.bodyToFlux(String.class)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(events).hasSize(2000).containsOnly("x".repeat(100));
	}

	private Opened open(int count) {
		List<CompletableFuture<List<String>>> bodies = new ArrayList<>();
		List<Disposable> subscriptions = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			CompletableFuture<List<String>> body = new CompletableFuture<>();
			bodies.add(body);
			subscriptions.add(this.client.get()
				.uri("/stream/h2/{n}", i)
				.retrieve()
				.bodyToFlux(String.class)
				.collectList()
				.subscribe(body::complete, body::completeExceptionally));
		}
		return new Opened(bodies, subscriptions);
	}

	private record Opened(List<CompletableFuture<List<String>>> bodies, List<Disposable> subscriptions) {
	}

}
