package io.greenhub.reliability;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.greenhub.GreenHub;
import io.greenhub.GreenHub.Outcome;
import io.greenhub.GreenHubGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 10,000 requests whose clients close while their green handler is parked, over both
 * hubs: every handler's green thread is killed, its {@code finally} runs, and nothing is
 * left alive.
 */
@SpringBootTest(classes = ReliabilityApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class AbortedRequestsTests {

	private static final int REQUESTS = 10_000;

	/** Requests parked at once before their clients go. */
	private static final int BATCH = 200;

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private GreenHubGroup hubs;

	@Autowired
	private Probes probes;

	@Test
	void everyHandlerOfAnAbortedRequestIsKilledAndUnwinds(CapturedOutput output) throws Exception {
		Leftovers start = Leftovers.of(this.context);
		long started = this.probes.parkedStarted.get();
		long unwound = this.probes.parkedUnwound.get();
		long[] killed = this.hubs.hubs().stream().mapToLong((hub) -> hub.completedCount(Outcome.KILLED)).toArray();
		byte[] request = RawHttp.ascii("GET /park-forever HTTP/1.1\r\nHost: localhost\r\n\r\n");
		for (int sent = 0; sent < REQUESTS; sent += BATCH) {
			List<Socket> clients = new ArrayList<>(BATCH);
			for (int i = 0; i < BATCH; i++) {
				Socket client = RawHttp.open(this.port, Duration.ofSeconds(10));
				client.getOutputStream().write(request);
				clients.add(client);
			}
			long expected = started + sent + BATCH;
			await("handlers parked").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(5))
				.until(() -> this.probes.parkedStarted.get() == expected);
			for (Socket client : clients) {
				RawHttp.reset(client);
			}
		}
		await("every aborted handler's finally").atMost(Duration.ofSeconds(30))
			.until(() -> this.probes.parkedUnwound.get() - unwound == REQUESTS);
		Leftovers end = start.awaitBack(this.context);
		List<GreenHub> hubs = this.hubs.hubs();
		long[] killedPerHub = new long[hubs.size()];
		for (int i = 0; i < hubs.size(); i++) {
			killedPerHub[i] = hubs.get(i).completedCount(Outcome.KILLED) - killed[i];
		}
		assertThat(this.probes.parkedStarted.get() - started).isEqualTo(REQUESTS);
		assertThat(java.util.Arrays.stream(killedPerHub).sum()).as("green threads killed").isEqualTo(REQUESTS);
		assertThat(java.util.Arrays.stream(killedPerHub).min().orElse(0)).as("killed on the hub with fewest")
			.isPositive();
		assertThat(output).as("aborted requests are no errors")
			.doesNotContain("onErrorDropped", "GreenKilledException");
		Figures.record("aborted-requests",
				REQUESTS + " requests parked then reset by the client, " + BATCH + " at a time; handlers started "
						+ (this.probes.parkedStarted.get() - started) + ", finally ran "
						+ (this.probes.parkedUnwound.get() - unwound) + ", killed per hub "
						+ java.util.Arrays.toString(killedPerHub) + "; left over: " + end + " (start " + start + ")");
	}

}
