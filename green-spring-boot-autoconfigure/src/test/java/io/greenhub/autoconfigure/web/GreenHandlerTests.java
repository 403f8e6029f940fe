package io.greenhub.autoconfigure.web;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.greenhub.GreenHubGroup;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @GreenHandler} controllers in a whole WebFlux application on a real port.
 */
@SpringBootTest(classes = GreenHandlerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "green.hub.hubs=2", "spring.webflux.problemdetails.enabled=true" })
@AutoConfigureWebTestClient
class GreenHandlerTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private GreenHubGroup hubs;

	@Autowired
	private MeterRegistry meters;

	@LocalServerPort
	private int port;

	@BeforeEach
	void resetSignals() {
		GreenController.resetSignals();
	}

	@Test
	void aGreenHandlerMethodRunsOnAGreenThreadOfAHub() {
		this.client.get()
			.uri("/green/hello")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).matches("green true on green-[01]"));
	}

	@Test
	void pathVariablesParametersHeadersBodiesAndResponseEntitiesBindAsUsual() {
		this.client.get()
			.uri("/green/items/42?color=green")
			.header("X-Shop", "north")
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody()
			.json("{\"id\":\"42\",\"color\":\"green\",\"shop\":\"north\"}");
		this.client.post()
			.uri("/green/echo")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "Ada"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"echo\":{\"name\":\"Ada\"},\"green\":true}");
		this.client.get().uri("/green/nothing").exchange().expectStatus().isOk().expectBody().isEmpty();
	}

	@Test
	void formDataBoundLaterOnTheEventLoopStillReachesTheMethodOnAGreenThread() {
		this.client.post()
			.uri("/green/form")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("name=Ada")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("Ada green true");
	}

	@Test
	void aBodyBeyondTheCodecsInMemoryLimitIsAClientError() {
		this.client.post()
			.uri("/green/echo")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"" + "a".repeat(300 * 1024) + "\"}")
			.exchange()
			.expectStatus()
			.value((status) -> assertThat(status).isBetween(400, 499));
	}

	@Test
	void webClientRestClientAndThreadSleepParkOnlyTheGreenThread() {
		this.client.get()
			.uri("/green/downstream/20")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("downstream 20 | downstream 20");
	}

	@Test
	void exceptionHandlersAndProblemDetailsWorkForGreenHandlers() {
		this.client.get()
			.uri("/green/bad")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("no such thing")
			.jsonPath("$.handledOnGreenThread")
			.isEqualTo(true);
		this.client.post()
			.uri("/green/echo")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{not json")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void withoutVirtualThreadsOtherBlockingMethodsStayOnTheEventLoop() {
		// the hub's event loop: a virtual thread named <hub>-loop in loop mode, a
		// platform thread in pool mode
		this.client.get()
			.uri("/plain-blocking")
			.exchange()
			.expectBody(String.class)
			.value((body) -> assertThat(body).matches("virtual (true|false), green false, on 'green-[01](-loop)?'"));
	}

	@Test
	void reactiveEndpointsRunUnchangedAndFunctionalRoutesCanBeGreen() {
		this.client.get().uri("/reactive").exchange().expectBody(String.class).isEqualTo("reactive green false");
		this.client.get().uri("/functional").exchange().expectBody(String.class).isEqualTo("functional green true");
	}

	@Test
	void aThousandConcurrentRequestsWaitingOnASlowDownstreamAreAllAnswered() {
		ConnectionProvider connections = ConnectionProvider.builder("load")
			.maxConnections(1000)
			.pendingAcquireMaxCount(-1)
			.build();
		try {
			WebClient load = clientOver(connections);
			List<String> bodies = Flux.range(0, 1000)
				.flatMap((i) -> load.get().uri("/green/downstream/100").retrieve().bodyToMono(String.class), 1000)
				.collectList()
				.block(Duration.ofSeconds(60));
			assertThat(bodies).hasSize(1000).containsOnly("downstream 100 | downstream 100");
			await().atMost(Duration.ofSeconds(10)).until(() -> this.hubs.alive() == 0);
		}
		finally {
			connections.disposeLater().block(Duration.ofSeconds(10));
		}
	}

	@Test
	void aClientThatGoesAwayHasItsHandlersGreenThreadKilledAndItsFinallyRun() throws Exception {
		double cancelledBefore = killed("cancellation");
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write("GET /green/wait HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			GreenController.waitStarted.get(10, TimeUnit.SECONDS);
			socket.close();
			// The handler waits on a future nothing completes: only the kill unwinds it.
			assertThat(GreenController.waitUnwound).succeedsWithin(Duration.ofSeconds(10));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.hubs.alive() == 0);
		assertThat(killed("cancellation")).isEqualTo(cancelledBefore + 1);
	}

	private double killed(String reason) {
		return this.meters.get("green.handler.killed").tag("reason", reason).functionCounter().count();
	}

	@Test
	void springsHttpServerRequestsTimesGreenHandlersAndGreenHandlerAdmissionIsMetered() {
		this.client.get()
			.uri("/green/items/7?color=red")
			.header("X-Shop", "north")
			.exchange()
			.expectStatus()
			.isAccepted();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.meters.find("http.server.requests")
				.tags("uri", "/green/items/{id}", "status", "202")
				.timer() != null);
		assertThat(this.meters.get("http.server.requests").tags("uri", "/green/items/{id}").timer().count())
			.isPositive();
		assertThat(this.meters.get("green.handler.in.flight").gauge().value()).isZero();
		assertThat(this.meters.get("green.handler.rejected").functionCounter().count()).isZero();
		assertThat(killed("timeout")).isZero();
	}

	@Test
	void eachGreenRequestSpawnsExactlyOneGreenThreadAndOtherRequestsNone() {
		int requests = 20;
		double before = spawned();
		for (int i = 0; i < requests; i++) {
			this.client.get().uri("/green/hello").exchange().expectStatus().isOk();
			this.client.get()
				.uri("/green/items/{id}?color=red", i)
				.header("X-Shop", "north")
				.exchange()
				.expectStatus()
				.isAccepted();
			this.client.post()
				.uri("/green/echo")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("n", i))
				.exchange()
				.expectBody()
				.json("{\"echo\":{\"n\":" + i + "},\"green\":true}");
			this.client.get().uri("/functional").exchange().expectBody(String.class).isEqualTo("functional green true");
			this.client.get().uri("/green/bad").exchange().expectStatus().isBadRequest();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.hubs.alive() == 0);
		assertThat(spawned() - before).isEqualTo(5.0 * requests);
		double beforeOthers = spawned();
		for (int i = 0; i < requests; i++) {
			this.client.get().uri("/reactive").exchange().expectBody(String.class).isEqualTo("reactive green false");
			this.client.get().uri("/plain-blocking").exchange().expectStatus().isOk();
			this.client.get().uri("/no/such/thing").exchange().expectStatus().isNotFound();
		}
		assertThat(spawned()).isEqualTo(beforeOthers);
	}

	private double spawned() {
		return this.meters.find("green.threads.spawned")
			.functionCounters()
			.stream()
			.mapToDouble(io.micrometer.core.instrument.FunctionCounter::count)
			.sum();
	}

	@Test
	void theRequestsObservationIsCurrentInTheGreenHandler() {
		this.client.get()
			.uri("/green/observation")
			.exchange()
			.expectBody(String.class)
			.isEqualTo("ServerRequestObservationContext");
	}

	@Test
	void eachGreenHandlerSeesOnlyItsOwnRequestsUserAndMdc() {
		ConnectionProvider connections = ConnectionProvider.builder("users").maxConnections(200).build();
		try {
			WebClient users = clientOver(connections);
			List<String> seen = Flux.range(0, 200)
				.flatMap((i) -> users.get()
					.uri("/green/whoami")
					.header("X-User", "user-" + i)
					.retrieve()
					.bodyToMono(String.class)
					.map((body) -> "user-" + i + " -> " + body), 200)
				.collectList()
				.block(Duration.ofSeconds(30));
			assertThat(seen).hasSize(200).allSatisfy((line) -> {
				String[] parts = line.split(" -> ");
				assertThat(parts[1]).isEqualTo(parts[0] + " " + parts[0]);
			});
			this.client.get().uri("/green/whoami").exchange().expectBody(String.class).isEqualTo("anonymous null");
		}
		finally {
			connections.disposeLater().block(Duration.ofSeconds(10));
		}
	}

	private WebClient clientOver(ConnectionProvider connections) {
		return WebClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)))
			.build();
	}

}
