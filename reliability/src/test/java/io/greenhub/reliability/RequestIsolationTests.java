package io.greenhub.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request isolation: 100,000 requests from many concurrent clients, each with its own
 * authenticated user and MDC value, through green handlers that park several times: every
 * handler sees only its own. And the {@code green} Actuator endpoint is reachable only
 * when exposed, then behind Spring Security like {@code threaddump}.
 */
@SpringBootTest(classes = ReliabilityApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class RequestIsolationTests {

	private static final int REQUESTS = 100_000;

	private static final int CONCURRENCY = 128;

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private Probes probes;

	static String basic(String user) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":pw-" + user).getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void everyGreenHandlerSeesOnlyItsOwnUserAndMdc() {
		Leftovers start = Leftovers.of(this.context);
		long seen = this.probes.isolationSeen.get();
		long serverMismatches = this.probes.isolationMismatches.get();
		AtomicLong matched = new AtomicLong();
		AtomicLong clientMismatches = new AtomicLong();
		long began = System.nanoTime();
		try (Load load = new Load(this.port, CONCURRENCY)) {
			load.run(REQUESTS, CONCURRENCY, Duration.ofMinutes(10), (i) -> {
				String user = "user" + (i % ReliabilityApplication.USERS);
				String trace = "trace-" + i;
				return load.get("/secure/whoami", (h) -> h.set("Authorization", basic(user)).set("X-Trace", trace))
					.doOnNext((reply) -> {
						if (reply.status() == 200 && reply.body().equals(user + "|" + trace)) {
							matched.incrementAndGet();
						}
						else {
							if (clientMismatches.incrementAndGet() == 1) {
								System.out
									.println("[reliability] first mismatch: " + reply.status() + " " + reply.body()
											+ " for " + user + "|" + trace + "; green threads: " + greenThreads());
							}
						}
					});
			});
		}
		long elapsedMillis = (System.nanoTime() - began) / 1_000_000;
		Leftovers end = start.awaitBack(this.context);
		assertThat(clientMismatches).as("answers naming another user or trace, or not 200").hasValue(0);
		assertThat(matched).hasValue(REQUESTS);
		assertThat(this.probes.isolationSeen.get() - seen).as("handlers run").isEqualTo(REQUESTS);
		assertThat(this.probes.isolationMismatches.get() - serverMismatches).as("handlers that saw another's").isZero();
		Figures.record("request-isolation",
				REQUESTS + " GET /secure/whoami, HTTP Basic over " + ReliabilityApplication.USERS
						+ " users, a unique X-Trace each into the MDC, " + CONCURRENCY
						+ " at once, 4 checks around 3 parks per handler, in " + elapsedMillis + " ms: matched "
						+ matched.get() + ", mismatches client-side " + clientMismatches.get() + ", server-side "
						+ (this.probes.isolationMismatches.get() - serverMismatches) + "; left over: " + end);
	}

	private String greenThreads() {
		return this.context.getBean(io.greenhub.GreenHubGroup.class)
			.hubs()
			.stream()
			.flatMap((hub) -> hub.greenThreads().stream())
			.map((thread) -> thread.info().toString())
			.toList()
			.toString();
	}

	@Test
	void theGreenEndpointIsNotReachableOverHttpUnlessExposedAndThenOnlyForAuthorisedUsers() {
		Map<String, Integer> hidden = statuses(this.port);
		Map<String, Integer> exposed;
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ReliabilityApplication.class)
			.properties("server.port=0", "green.hub.name=exposed",
					"management.endpoints.web.exposure.include=green,threaddump")
			.run()) {
			exposed = statuses(((WebServerApplicationContext) app).getWebServer().getPort());
		}
		assertThat(hidden).containsExactlyInAnyOrderEntriesOf(Map.of("green anonymous", 401, "green user0", 403,
				"green admin", 404, "threaddump anonymous", 401, "threaddump user0", 403, "threaddump admin", 404));
		assertThat(exposed).containsExactlyInAnyOrderEntriesOf(Map.of("green anonymous", 401, "green user0", 403,
				"green admin", 200, "threaddump anonymous", 401, "threaddump user0", 403, "threaddump admin", 200));
		Figures.record("request-isolation",
				"actuator, not exposed: " + new java.util.TreeMap<>(hidden)
						+ "; exposed (management.endpoints.web.exposure.include=green,threaddump): "
						+ new java.util.TreeMap<>(exposed));
	}

	private static Map<String, Integer> statuses(int port) {
		Map<String, Integer> statuses = new java.util.HashMap<>();
		try (Load load = new Load(port, 4)) {
			for (String endpoint : java.util.List.of("green", "threaddump")) {
				for (String user : java.util.List.of("anonymous", "user0", "admin")) {
					Load.Reply reply = load
						.get("/actuator/" + endpoint,
								(h) -> user.equals("anonymous") ? h : h.set("Authorization", basic(user)))
						.block(Duration.ofSeconds(30));
					statuses.put(endpoint + " " + user, reply.status());
				}
			}
		}
		return statuses;
	}

}
