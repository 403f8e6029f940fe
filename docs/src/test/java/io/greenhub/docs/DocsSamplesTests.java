package io.greenhub.docs;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import io.greenhub.autoconfigure.GreenHubProperties;
import io.greenhub.autoconfigure.GreenPrimitivesProperties;
import io.greenhub.autoconfigure.actuate.GreenHealthProperties;
import io.greenhub.autoconfigure.server.GreenServerProperties;
import io.greenhub.autoconfigure.redis.GreenRedisProperties;
import io.greenhub.autoconfigure.tcp.GreenTcpProperties;
import io.greenhub.autoconfigure.web.GreenHandlerProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Holds every code sample of the guide to the code: a Java sample is an excerpt of a source file
 * that the build compiles (this module's samples, or another module's code), a YAML sample binds
 * to green-hub's properties and names only known {@code green.*} keys, a Maven sample names this
 * build's own coordinates, and every link between pages resolves.
 */
class DocsSamplesTests {

	/** Pages that other branches of the same change add; a link to one is allowed while it is missing. */
	private static final List<Class<?>> PROPERTIES = List.of(GreenHubProperties.class, GreenHandlerProperties.class,
			GreenHealthProperties.class, GreenPrimitivesProperties.class, GreenTcpProperties.class,
			GreenServerProperties.class, GreenRedisProperties.class);

	/** Normalised text of every Java source file of the repository, by path. */
	private static final Map<Path, String> sources = new LinkedHashMap<>();

	@BeforeAll
	static void readSources() throws IOException {
		List<Path> files = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(MarkdownDocs.ROOT)) {
			walk.filter((file) -> file.toString().endsWith(".java"))
				.filter((file) -> file.toString().contains("/src/"))
				.filter((file) -> !file.toString().contains("/target/") && !file.toString().contains("/."))
				.forEach(files::add);
		}
		for (Path file : files) {
			sources.put(MarkdownDocs.ROOT.relativize(file), MarkdownDocs.normalize(Files.readString(file)));
		}
	}

	@Test
	void everyJavaSampleIsAnExcerptOfCompiledCode() {
		List<String> missing = new ArrayList<>();
		int samples = 0;
		for (Path page : MarkdownDocs.pages()) {
			for (String block : MarkdownDocs.blocks(page, "java")) {
				samples++;
				String code = MarkdownDocs.normalize(block);
				if (sources.values().stream().noneMatch((source) -> source.contains(code))) {
					missing.add(page.getFileName() + ": " + MarkdownDocs.firstLine(block));
				}
			}
		}
		assertThat(samples).as("Java samples in the guide").isGreaterThan(10);
		assertThat(missing).as("Java samples found in no source file of the build").isEmpty();
	}

	@Test
	void everyYamlSampleParsesAndBindsAndNamesOnlyKnownGreenProperties() {
		GreenPropertiesMetadata metadata = new GreenPropertiesMetadata();
		int samples = 0;
		for (Path page : MarkdownDocs.pages()) {
			for (String block : MarkdownDocs.blocks(page, "yaml")) {
				samples++;
				String where = page.getFileName() + ": " + MarkdownDocs.firstLine(block);
				Map<String, Object> flat = new LinkedHashMap<>();
				try {
					new Yaml().loadAll(block).forEach((document) -> flat.putAll(MarkdownDocs.flatten(document)));
				}
				catch (RuntimeException ex) {
					fail("YAML sample does not parse (" + where + "): " + ex.getMessage());
				}
				flat.keySet()
					.stream()
					.filter((key) -> key.startsWith("green."))
					.forEach((key) -> assertThat(metadata.isKnown(key))
						.as("%s names %s, which is no green.* property", where, key)
						.isTrue());
				bind(flat, where);
			}
		}
		assertThat(samples).as("YAML samples in the guide").isGreaterThan(3);
	}

	private static void bind(Map<String, Object> flat, String where) {
		Map<String, String> values = new LinkedHashMap<>();
		flat.forEach((key, value) -> values.put(key, String.valueOf(value)));
		Binder binder = new Binder(new MapConfigurationPropertySource(values));
		for (Class<?> type : PROPERTIES) {
			String prefix = type.getAnnotation(ConfigurationProperties.class).value();
			try {
				binder.bind(prefix, type);
			}
			catch (RuntimeException ex) {
				fail("YAML sample does not bind to " + type.getSimpleName() + " (" + where + "): " + ex.getMessage());
			}
		}
	}

	@Test
	void everyMavenSampleNamesAModuleOfThisBuildAtItsVersion() throws Exception {
		String version = pomValue(MarkdownDocs.ROOT.resolve("pom.xml"), "version");
		int dependencies = 0;
		for (Path page : MarkdownDocs.pages()) {
			for (String block : MarkdownDocs.blocks(page, "xml")) {
				NodeList nodes = DocumentBuilderFactory.newInstance()
					.newDocumentBuilder()
					.parse(new InputSource(new StringReader("<root>" + block + "</root>")))
					.getElementsByTagName("dependency");
				for (int i = 0; i < nodes.getLength(); i++) {
					Element dependency = (Element) nodes.item(i);
					if (text(dependency, "groupId").equals("io.greenhub")) {
						dependencies++;
						String artifactId = text(dependency, "artifactId");
						Path pom = MarkdownDocs.ROOT.resolve(artifactId).resolve("pom.xml");
						assertThat(pom).as("%s names io.greenhub:%s, which is no module", page.getFileName(), artifactId)
							.exists();
						assertThat(text(dependency, "version")).as("%s: version of %s", page.getFileName(), artifactId)
							.isEqualTo(version);
						String type = text(dependency, "type");
						assertThat(type.isEmpty() ? "jar" : type).as("%s: type of %s", page.getFileName(), artifactId)
							.isEqualTo(pomValue(pom, "packaging"));
					}
				}
			}
		}
		assertThat(dependencies).as("io.greenhub dependencies shown in the guide").isPositive();
	}

	private static String pomValue(Path pom, String tag) throws Exception {
		Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
		NodeList children = project.getChildNodes();
		for (int i = 0; i < children.getLength(); i++) {
			if (children.item(i) instanceof Element element && element.getTagName().equals(tag)) {
				return element.getTextContent().strip();
			}
		}
		return "jar";
	}

	private static String text(Element element, String tag) {
		NodeList nodes = element.getElementsByTagName(tag);
		return (nodes.getLength() > 0) ? nodes.item(0).getTextContent().strip() : "";
	}

	@Test
	void everyLinkBetweenPagesResolvesToAFileAndAHeading() {
		List<String> broken = new ArrayList<>();
		for (Path page : MarkdownDocs.pages()) {
			for (String link : MarkdownDocs.links(page)) {
				if (link.matches("^[a-z]+:.*")) {
					continue;
				}
				String[] parts = link.split("#", 2);
				Path target = parts[0].isEmpty() ? page : page.getParent().resolve(parts[0]).normalize();
				if (!Files.exists(target)) {
					broken.add(page.getFileName() + " -> " + link + " (no such file)");
				}
				else if (parts.length == 2 && !MarkdownDocs.anchors(target).contains(parts[1])) {
					broken.add(page.getFileName() + " -> " + link + " (no such heading)");
				}
			}
		}
		assertThat(broken).as("broken links").isEmpty();
	}

}
