package io.greenhub.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every module that makes a jar names its module for the module path: the parent's jar plugin
 * writes {@code green.module.name} as the manifest's {@code Automatic-Module-Name}, so a module
 * without the property would write the placeholder itself.
 */
class ModuleNamesTests {

	private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

	private static final Pattern PACKAGING = Pattern.compile("<packaging>([^<]+)</packaging>");

	private static final Pattern NAME = Pattern.compile("<green\\.module\\.name>([^<]+)</green\\.module\\.name>");

	private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

	@Test
	void everyModuleThatMakesAJarNamesItsModuleOnce() throws IOException {
		Map<Path, String> names = new LinkedHashMap<>();
		for (Path pom : modulePoms(MarkdownDocs.ROOT)) {
			String text = Files.readString(pom);
			Matcher packaging = PACKAGING.matcher(text);
			boolean jar = !packaging.find() || !packaging.group(1).equals("pom");
			Matcher name = NAME.matcher(text);
			if (jar) {
				assertThat(name.find()).as("%s makes a jar and sets green.module.name", pom).isTrue();
				names.put(pom, name.group(1));
			}
		}
		assertThat(names).as("modules that make jars").hasSizeGreaterThanOrEqualTo(10);
		assertThat(names.values()).as("module names").allMatch((name) -> VALID.matcher(name).matches())
			.doesNotHaveDuplicates();
		String parent = Files.readString(MarkdownDocs.ROOT.resolve("pom.xml"));
		assertThat(parent).contains("<Automatic-Module-Name>${green.module.name}</Automatic-Module-Name>");
	}

	private static List<Path> modulePoms(Path directory) throws IOException {
		List<Path> poms = new ArrayList<>();
		Matcher modules = MODULE.matcher(Files.readString(directory.resolve("pom.xml")));
		while (modules.find()) {
			Path module = directory.resolve(modules.group(1).trim());
			poms.add(module.resolve("pom.xml"));
			poms.addAll(modulePoms(module));
		}
		return poms;
	}

}
