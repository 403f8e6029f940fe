package io.greenhub.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A downstream that resets, hangs, answers slowly or answers garbage: the green handler
 * gets an exception or a timeout within its bound and answers 5xx with a problem detail;
 * nothing hangs.
 */
@SpringBootTest(classes = ReliabilityApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class DownstreamFaultsTests {

	private static final FaultyDownstream downstream = new FaultyDownstream();

	/** Calls per fault, all at once. */
	private static final int CALLS = 25;

	/** What each fault must be answered with: status and problem title. */
	private static final Map<String, String> EXPECTED = Map.of("ok", "200 downstream said fine", "reset",
			"502 Downstream failed", "garbage", "502 Downstream failed", "hang", "504 Downstream timed out", "slow",
			"504 Downstream timed out");

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void downstreamUrl(DynamicPropertyRegistry registry) {
		registry.add("downstream.url", downstream::url);
	}

	@AfterAll
	static void closeDownstream() {
		downstream.close();
	}

	@Test
	void everyFaultIsAnsweredWithA5xxProblemWithinTheBound() {
		Leftovers start = Leftovers.of(this.context);
		ConcurrentMap<String, Latencies> latencies = new ConcurrentHashMap<>();
		ConcurrentMap<String, Set<String>> outcomes = new ConcurrentHashMap<>();
		List<String> faults = List.of("ok", "reset", "garbage", "hang", "slow");
		try (Load load = new Load(this.port, faults.size() * CALLS)) {
			load.run(faults.size() * CALLS, faults.size() * CALLS, Duration.ofSeconds(60), (i) -> {
				String fault = faults.get(i % faults.size());
				return load.get("/downstream/" + fault, (h) -> h).doOnNext((reply) -> {
					String outcome = reply.status() + " " + ((reply.status() == 200) ? reply.body()
							: reply.body().replaceAll("(?s).*\"title\":\"([^\"]*)\".*", "$1"));
					boolean problem = reply.status() == 200
							|| reply.headers().get("Content-Type", "").startsWith("application/problem+json");
					outcomes.computeIfAbsent(fault, (f) -> ConcurrentHashMap.newKeySet())
						.add(outcome + (problem ? "" : " (no problem detail)"));
					latencies.computeIfAbsent(fault, (f) -> new Latencies()).add(reply.nanos());
				});
			});
		}
		Leftovers end = start.awaitBack(this.context);
		await("downstream connections closed").atMost(Leftovers.SETTLE).until(() -> downstream.openConnections() == 0);
		StringBuilder figures = new StringBuilder();
		for (String fault : faults) {
			assertThat(outcomes.get(fault)).as(fault).containsExactly(EXPECTED.get(fault));
			assertThat(latencies.get(fault).count()).isEqualTo(CALLS);
			figures.append(fault)
				.append(" -> ")
				.append(EXPECTED.get(fault))
				.append(" x ")
				.append(CALLS)
				.append(" (")
				.append(latencies.get(fault))
				.append("); ");
		}
		Figures.record("downstream-faults",
				figures + "handler bound " + ReliabilityController.DOWNSTREAM_BOUND.toMillis()
						+ " ms, read timeout 1000 ms; left over: " + end + ", downstream connections open: "
						+ downstream.openConnections());
	}

}
