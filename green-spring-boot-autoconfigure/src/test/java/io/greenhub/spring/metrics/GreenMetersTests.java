package io.greenhub.spring.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GreenMetersTests {

	@Test
	void theObservabilityDocsListEveryMeterWithItsTags() throws IOException {
		String docs = Files.readString(Path.of("..", "docs", "observability.md"));
		for (GreenMeters meter : GreenMeters.values()) {
			String row = docs.lines()
				.filter((line) -> line.startsWith("| `" + meter.getName() + "`")
						|| line.contains(", `" + meter.getName() + "`"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("docs/observability.md does not list " + meter.getName()));
			assertThat(Arrays.stream(meter.getKeyNames()))
				.allSatisfy((key) -> assertThat(row).contains("`" + key.asString() + "`"));
		}
	}

	@Test
	void meterNamesAreUniqueAndUnderGreen() {
		assertThat(GreenMeters.values()).extracting(GreenMeters::getName)
			.doesNotHaveDuplicates()
			.allMatch((name) -> name.startsWith("green."));
	}

}
