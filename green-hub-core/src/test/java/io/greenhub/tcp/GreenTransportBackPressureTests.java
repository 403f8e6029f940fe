package io.greenhub.tcp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.greenhub.HubMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1 GiB from a fast writer to a slow reader, in a JVM capped at 64 MiB of heap (and so of
 * Netty's direct memory): buffering the stream would fail, so passing shows the memory
 * stays bounded; the checksums show nothing is lost.
 */
class GreenTransportBackPressureTests {

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aGibibyteThroughA64MebibyteJvmLosesNothing(HubMode mode) throws Exception {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "--add-opens",
						"java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED", "-cp",
						System.getProperty("java.class.path"), BackPressureMain.class.getName(), mode.name()));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(3, TimeUnit.MINUTES)).as(output).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("read crc");
	}

}
