package io.greenhub.benchmarks.load;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The harness's command line: variants, extra JVM options, the comparison of two builds.
 */
class OptionsTests {

	@Test
	void theFullRunHasEveryPeerThreeRoundsAndProfilesGLoopAndB2() {
		Options options = Options.parse(new String[] { "--root", "/repo" });

		assertThat(options.peers()).extracting(Peer::name)
			.containsExactly("B1", "B1+starter", "B0", "B2", "B3", "G-loop", "G-pool");
		assertThat(options.settings().rounds()).isEqualTo(3);
		assertThat(options.settings().warmUpCap().toSeconds()).isEqualTo(120);
		assertThat(options.profiled()).containsExactly("G-loop", "B2");
		assertThat(options.scenarios()).containsExactlyElementsOf(Scenarios.ALL);
		assertThat(options.ratios()).contains(List.of("G-loop", "B1"), List.of("G-loop", "B2"),
				List.of("B1+starter", "B1"));
		assertThat(options.out().toString()).isEqualTo("/repo/docs/performance");
	}

	@Test
	void aVariantIsItsBasesCommandWithItsJvmOptionsBeforeTheJar() {
		Options options = Options.parse(new String[] { "--root", "/repo", "--variant",
				"G-loop-nosteal=-Dgreen.hub.work-stealing.enabled=false -Dx=y", "--jvm", "G-loop=-Dgreen.hub.hubs=2" });

		Peer variant = options.peers().getLast();
		assertThat(variant.name()).isEqualTo("G-loop-nosteal");
		List<String> command = variant.command();
		assertThat(command.indexOf("-Dgreen.hub.work-stealing.enabled=false")).isPositive()
			.isLessThan(command.indexOf("-jar"));
		assertThat(command).contains("-Dx=y", "--green.hub.mode=loop").doesNotContain("-Dgreen.hub.hubs=2");
		Peer loop = options.peers().stream().filter((peer) -> peer.name().equals("G-loop")).findFirst().orElseThrow();
		assertThat(loop.command().indexOf("-Dgreen.hub.hubs=2")).isPositive()
			.isLessThan(loop.command().indexOf("-jar"));
		assertThat(options.ratios()).contains(List.of("G-loop-nosteal", "G-loop"));
	}

	@Test
	void aComparisonAlternatesTheTwoBuildsOfGLoopInS1WithTheSameOptions() {
		Options options = Options.parse(new String[] { "--root", "/repo", "--compare-jar", "/tmp/other/peer-green.jar",
				"--compare-name", "G-loop@abc1234", "--jvm", "G-loop=-Dgreen.hub.hubs=2" });

		assertThat(options.comparing()).isTrue();
		assertThat(options.peers()).extracting(Peer::name).containsExactly("G-loop", "G-loop@abc1234");
		assertThat(options.peers().get(1).command()).contains("/tmp/other/peer-green.jar", "-Dgreen.hub.hubs=2",
				"--green.hub.mode=loop");
		assertThat(options.scenarios()).containsExactly("S1");
		assertThat(options.ratios()).containsExactly(List.of("G-loop", "G-loop@abc1234"));
		assertThat(options.profiled()).isEmpty();
		assertThat(options.out().toString()).isEqualTo("/repo/benchmarks/harness/target/compare-G-loop_abc1234");
	}

	@Test
	void aWrongOptionSaysWhichAndWhatItTakes() {
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(new String[] { "--scenarios", "S1,S9" }))
			.withMessageContaining("--scenarios");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(new String[] { "--variant", "X:B9=-Da=b" }))
			.withMessageContaining("--variant")
			.withMessageContaining("B9");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(new String[] { "--peers", "B1,Nope" }))
			.withMessageContaining("--peers")
			.withMessageContaining("Nope");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(new String[] { "--warm-up-cap", "5s" }))
			.withMessageContaining("--warm-up-cap");
	}

	@Test
	void peersArePinnedToCpuOneUnlessTheCommandLineNamesTheirCpus() {
		assertThat(Options.parse(new String[] { "--root", "/repo" }).peerCpus()).isNull();
		assertThat(Options.parse(new String[] { "--root", "/repo", "--peer-cpus", "0,1" }).peerCpus()).isEqualTo("0,1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Options.parse(new String[] { "--root", "/repo", "--peer-cpus", "all" }))
			.withMessageContaining("--peer-cpus");
	}

}
