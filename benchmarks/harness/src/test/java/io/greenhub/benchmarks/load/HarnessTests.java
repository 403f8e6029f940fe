package io.greenhub.benchmarks.load;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke test of the whole harness: B0, a variant of it and the downstream server as
 * processes of their own, warmed in 1 s windows, two alternating rounds, a CPU profile
 * with async-profiler, every scenario for about a second each, the plain-Java density
 * check with 10,000 green threads, and the report. Numbers are checked for sanity only,
 * never for speed. The closed model runs on a small Java generator so that the test does
 * not need wrk.
 */
class HarnessTests {

	@TempDir
	Path out;

	@Test
	void aRunWarmsAlternatesProfilesAndWritesTheTableTheCsvAndTheChartsWithSaneNumbers() throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Peer b0 = new Peer("B0", "raw Reactor Netty", Peer.classpath(java, RawServer.class, "{port}", "{downstream}"));
		Peer variant = b0.with("B0+variant", List.of("-Dsmoke.variant=true"));
		Results results = new Harness(Settings.smoke(), this.out, null, HarnessTests::closedLoad,
				Set.copyOf(Scenarios.ALL), List.of("B0+variant"))
			.run(List.of(b0, variant), List.of("# smoke"), List.of(List.of("B0+variant", "B0")), true);

		assertThat(results.notes()).noneMatch((note) -> note.contains("failed"));
		for (String peer : List.of("B0", "B0+variant")) {
			WarmUp warmUp = results.warmUps().get(peer);
			assertThat(warmUp.windows()).as(peer).hasSizeBetween(2, 3).allMatch((window) -> window > 0);
			assertThat(warmUp.secondsTo90()).isBetween(1.0, 3.0);
			assertThat(warmUp.readySeconds()).isPositive();
			assertThat(results.byRound(Metric.S1_THROUGHPUT, peer)).as(peer).containsOnlyKeys(1, 2);
			assertThat(results.byRound(Metric.S4_SWITCHES, peer)).containsOnlyKeys(1, 2);
		}
		assertThat(results.ratios(Metric.S1_THROUGHPUT, "B0+variant", "B0")).hasSize(2).allMatch((ratio) -> ratio > 0);
		assertThat(results.median(Metric.S1_P99, "B0").orElseThrow()).isPositive().isLessThan(10_000);
		Metric[] s2 = Metric.s2(20);
		assertThat(results.median(s2[0], "B0")).hasValue(0);
		assertThat(results.median(s2[1], "B0").orElseThrow()).isGreaterThanOrEqualTo(100);
		assertThat(results.median(s2[4], "B0").orElseThrow()).isNotNegative();
		assertThat(results.median(Metric.S3_THROUGHPUT, "B0").orElseThrow()).isPositive();
		assertThat(results.median(Metric.S6_P99_NOISY, "B0").orElseThrow()).isPositive();
		assertThat(results.median(Metric.S5_PER_GIB, "B0").orElseThrow()).isPositive();
		assertThat(results.median(Metric.S5_MILLION_COUNT, Metric.PLAIN_JAVA)).hasValue(10_000);
		assertThat(results.median(Metric.S5_MILLION, Metric.PLAIN_JAVA).orElseThrow()).isPositive().isLessThan(1024);

		String table = Files.readString(this.out.resolve("results.md"));
		assertThat(table).startsWith("# smoke")
			.contains("## Warm-up", "| B0+variant | ", "## Steady state", "| B0+variant / B0 |")
			.containsPattern(
					"\\| S1 hello \\| throughput, closed model \\(req/s\\) \\| [\\d,]+ \\([\\d,]+–[\\d,]+\\) \\|")
			.contains("## Targets", "S5 10,000 parked green threads in <= 1 GiB", "10,000 green threads parked");
		assertThat(Files.readAllLines(this.out.resolve("results.csv")))
			.contains("\"S1 hello\",\"throughput, closed model\",req/s,\"B0\",2,"
					+ results.byRound(Metric.S1_THROUGHPUT, "B0").get(2))
			.anyMatch((line) -> line
				.startsWith("\"S1 hello\",\"throughput, closed model\",req/s,\"B0+variant / B0\",median,"));
		assertThat(Files.readAllLines(this.out.resolve("warmup.csv"))).first()
			.isEqualTo("peer,window,end_seconds,throughput");
		for (String chart : List.of("throughput.png", "latency-p99.png", "latency-s2.png", "warmup.png")) {
			BufferedImage image = ImageIO.read(this.out.resolve(chart).toFile());
			assertThat(image.getWidth()).as(chart).isEqualTo(1000);
		}
		String profiles = Files.readString(this.out.resolve("profiles.md"));
		assertThat(profiles)
			.contains("## B0+variant, S1 hello", "## B0+variant, S4 1 ms downstream", "Top self frames",
					"Top inclusive frames")
			.containsPattern("\\| \\d+\\.\\d \\| [\\d,]+ \\| `[^`]+` \\|");
		// a cold peer's short window may be topped by the JIT's own frames; its stacks
		// still show the server
		assertThat(this.out.resolve("profiles/B0_variant-S1.collapsed")).isNotEmptyFile().content().contains("reactor");
		assertThat(this.out.resolve("profiles/B0_variant-S1.html")).isNotEmptyFile();
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

	/**
	 * The closed model in Java: each connection sends its next request when the last is
	 * answered; a request that fails or times out counts as an error, as in wrk, instead
	 * of ending the run.
	 */
	private static Wrk.Result closedLoad(String url, int connections, Duration duration) {
		ConnectionProvider provider = ConnectionProvider.create("closed", connections);
		try {
			HttpClient client = HttpClient.create(provider).responseTimeout(Duration.ofSeconds(10));
			long end = System.nanoTime() + duration.toNanos();
			AtomicLong errors = new AtomicLong();
			Long requests = Flux.range(0, connections)
				.flatMap((i) -> client.get()
					.uri(url)
					.responseSingle((response, body) -> body.asString().defaultIfEmpty(""))
					.onErrorResume((ex) -> {
						errors.incrementAndGet();
						return Mono.just("");
					})
					.repeat(() -> System.nanoTime() < end)
					.count(), connections)
				.reduce(0L, Long::sum)
				.block(duration.plusSeconds(30));
			return new Wrk.Result((requests != null) ? requests : 0, errors.get(), duration.toMillis() / 1000.0);
		}
		finally {
			provider.disposeLater().block(Duration.ofSeconds(10));
		}
	}

}
