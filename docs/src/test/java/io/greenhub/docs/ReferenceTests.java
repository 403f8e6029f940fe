package io.greenhub.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.greenhub.spring.metrics.GreenMeters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the reference from going stale: every public type of green-hub's packages (but the
 * {@code internal} ones, which are not API), every {@code green.*} property of the configuration
 * metadata and every meter is named in {@code docs/reference.md} (properties may be named in
 * {@code docs/configuration.md}, which the reference links).
 */
class ReferenceTests {

	private static final Pattern PUBLIC_TYPE = Pattern
		.compile("(?m)^public (?:(?:final|abstract|sealed|non-sealed) )*(?:class|interface|enum|record|@interface) (\\w+)");

	private final String reference = MarkdownDocs.read(MarkdownDocs.DOCS.resolve("reference.md"));

	private final String configuration = MarkdownDocs.read(MarkdownDocs.DOCS.resolve("configuration.md"));

	@Test
	void everyPublicTypeIsNamedInTheReference() throws IOException {
		List<String> types = new ArrayList<>();
		types.addAll(publicTypes(MarkdownDocs.ROOT.resolve("green-hub-core/src/main/java/io/greenhub")));
		types.addAll(publicTypes(MarkdownDocs.ROOT.resolve("green-spring-boot-autoconfigure/src/main/java/io/greenhub")));
		types.addAll(publicTypes(MarkdownDocs.ROOT.resolve("green-hub-redis/src/main/java/io/greenhub")));
		assertThat(types).as("public types found").contains("Green", "GreenHandler", "GreenHubGroupCustomizer")
			.hasSizeGreaterThan(30);
		assertThat(types).as("public types the reference does not name")
			.filteredOn((type) -> !this.reference.contains("`" + type + "`"))
			.isEmpty();
	}

	private static List<String> publicTypes(Path packageRoot) throws IOException {
		List<String> types = new ArrayList<>();
		try (Stream<Path> files = Files.walk(packageRoot)) {
			// internal packages are not API: public only for green-hub's other packages
			for (Path file : files.filter((f) -> f.toString().endsWith(".java"))
				.filter((f) -> !packageRoot.relativize(f).toString().contains("internal"))
				.toList()) {
				Matcher matcher = PUBLIC_TYPE.matcher(Files.readString(file));
				if (matcher.find()) {
					types.add(matcher.group(1));
				}
			}
		}
		return types;
	}

	@Test
	void everyPropertyIsNamedInTheReferenceOrTheConfigurationPage() {
		GreenPropertiesMetadata metadata = new GreenPropertiesMetadata();
		List<String> properties = new ArrayList<>();
		for (String name : metadata.names()) {
			Set<String> keys = metadata.mapProperties().get(name);
			if (keys == null) {
				properties.add(name);
			}
			else if (keys.isEmpty()) {
				properties.add(name + ".<name>");
			}
			else {
				keys.forEach((key) -> properties.add(name + ".<name>." + key));
			}
		}
		assertThat(properties).contains("green.hub.mode", "green.queues.<name>.capacity", "green.events.<name>.store");
		assertThat(properties).as("green.* properties named neither in reference.md nor in configuration.md")
			.filteredOn((property) -> !this.reference.contains("`" + property + "`")
					&& !this.configuration.contains("`" + property + "`"))
			.isEmpty();
	}

	@Test
	void everyMeterIsNamedInTheReference() {
		assertThat(GreenMeters.values()).as("meters the reference does not name")
			.filteredOn((meter) -> !this.reference.contains("`" + meter.getName() + "`"))
			.isEmpty();
	}

	@Test
	void everyEventletNameOfTheDesignTableLinksToItsType() {
		String table = this.reference.substring(this.reference.indexOf("| eventlet on Twisted |"));
		table = table.substring(0, table.indexOf("\n\n"));
		List<String> rows = table.lines().skip(2).toList();
		assertThat(rows).hasSizeGreaterThanOrEqualTo(18);
		assertThat(rows).as("rows of the name map without a link to the type that stands for the eventlet name")
			.filteredOn((row) -> !row.split("\\|")[2].contains("]("))
			.isEmpty();
	}

}
