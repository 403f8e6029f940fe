package io.greenhub.benchmarks.load;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke test of the whole harness: B0 and the downstream server as processes of their own, every
 * scenario for about a second each, the plain-Java density check with 10,000 green threads, and the
 * report. Numbers are checked for sanity only, never for speed. The closed model runs on a small
 * Java generator so that the test does not need wrk.
 */
class HarnessTests {

	@TempDir
	Path out;

	@Test
	void aRunWritesTheTableTheCsvAndTheChartsWithSaneNumbers() throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Peer b0 = new Peer("B0", "raw Reactor Netty", Peer.classpath(java, RawServer.class, "{port}", "{downstream}"));
		Results results = new Harness(Settings.smoke(), this.out, null, HarnessTests::closedLoad)
			.run(List.of(b0), List.of("# smoke"));

		assertThat(results.notes()).noneMatch((note) -> note.contains("failed"));
		assertThat(results.median(Metric.S1_THROUGHPUT, "B0").orElseThrow()).isPositive();
		assertThat(results.median(Metric.S1_P99, "B0").orElseThrow()).isPositive().isLessThan(10_000);
		Metric[] s2 = Metric.s2(20);
		assertThat(results.median(s2[0], "B0")).hasValue(0);
		assertThat(results.median(s2[1], "B0").orElseThrow()).isGreaterThanOrEqualTo(100);
		assertThat(results.median(s2[4], "B0").orElseThrow()).isNotNegative();
		assertThat(results.median(Metric.S3_THROUGHPUT, "B0").orElseThrow()).isPositive();
		assertThat(results.median(Metric.S4_SWITCHES, "B0").orElseThrow()).isNotNegative();
		assertThat(results.median(Metric.S6_P99_NOISY, "B0").orElseThrow()).isPositive();
		assertThat(results.median(Metric.S5_PER_GIB, "B0").orElseThrow()).isPositive();
		assertThat(results.median(Metric.S5_MILLION_COUNT, Metric.PLAIN_JAVA)).hasValue(10_000);
		assertThat(results.median(Metric.S5_MILLION, Metric.PLAIN_JAVA).orElseThrow()).isPositive().isLessThan(1024);

		String table = Files.readString(this.out.resolve("results.md"));
		assertThat(table).startsWith("# smoke").contains("| S1 hello | throughput, closed model (req/s) |")
			.contains("S5 10,000 parked green threads in <= 1 GiB").contains("10,000 green threads parked");
		assertThat(Files.readAllLines(this.out.resolve("results.csv"))).hasSizeGreaterThan(15);
		for (String chart : List.of("throughput.png", "latency-p99.png", "latency-s2.png")) {
			BufferedImage image = ImageIO.read(this.out.resolve(chart).toFile());
			assertThat(image.getWidth()).as(chart).isEqualTo(1000);
		}
	}

	@Test
	void wrkOutputIsReadWithItsErrors() {
		String output = """
				Running 2s test @ http://127.0.0.1:8080/hello
				  1 threads and 64 connections
				  40000 requests in 2.00s, 3.0MB read
				  Socket errors: connect 0, read 2, write 1, timeout 3
				  Non-2xx or 3xx responses: 4
				Requests/sec:  20000.00
				""";
		Wrk.Result result = Wrk.parse(output, 2);
		assertThat(result.requests()).isEqualTo(40000);
		assertThat(result.errors()).isEqualTo(10);
		assertThat(result.throughput()).isEqualTo(19995);
	}

	/** The closed model in Java: each connection sends its next request when the last is answered. */
	private static Wrk.Result closedLoad(String url, int connections, Duration duration) {
		ConnectionProvider provider = ConnectionProvider.create("closed", connections);
		try {
			HttpClient client = HttpClient.create(provider).responseTimeout(Duration.ofSeconds(10));
			long end = System.nanoTime() + duration.toNanos();
			Long requests = Flux.range(0, connections)
				.flatMap((i) -> client.get().uri(url).responseSingle((response, body) -> body.asString().defaultIfEmpty(""))
					.repeat(() -> System.nanoTime() < end)
					.count(), connections)
				.reduce(0L, Long::sum)
				.block(duration.plusSeconds(30));
			return new Wrk.Result((requests != null) ? requests : 0, 0, duration.toMillis() / 1000.0);
		}
		finally {
			provider.disposeLater().block(Duration.ofSeconds(10));
		}
	}

}
