package io.greenhub.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the guide: the Markdown pages of {@code docs/} and the repository's README, their fenced
 * code blocks, their links and their headings' anchors. Tests run in the module's directory,
 * which is {@code docs/} itself.
 */
final class MarkdownDocs {

	static final Path DOCS = Path.of("").toAbsolutePath();

	static final Path ROOT = DOCS.getParent();

	private static final Pattern FENCE = Pattern.compile("(?m)^```(\\w*)[ \\t]*\\n(.*?)^```[ \\t]*$", Pattern.DOTALL);

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

	private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} +(.+?) *$");

	private MarkdownDocs() {
	}

	/**
	 * Returns {@code docs/*.md} and the root {@code README.md}.
	 */
	static List<Path> pages() {
		List<Path> pages = new ArrayList<>();
		try (Stream<Path> files = Files.list(DOCS)) {
			files.filter((file) -> file.toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		pages.add(ROOT.resolve("README.md"));
		return pages;
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns the fenced code blocks of a page in the given language ({@code java}, {@code yaml}, ...).
	 */
	static List<String> blocks(Path page, String language) {
		return FENCE.matcher(read(page))
			.results()
			.filter((block) -> block.group(1).equals(language))
			.map((block) -> block.group(2))
			.toList();
	}

	/**
	 * Returns the targets of a page's Markdown links, outside its code blocks.
	 */
	static List<String> links(Path page) {
		return LINK.matcher(withoutCode(page)).results().map((link) -> link.group(1)).toList();
	}

	/**
	 * Returns the anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces
	 * as hyphens.
	 */
	static List<String> anchors(Path page) {
		return HEADING.matcher(withoutCode(page))
			.results()
			.map((heading) -> heading.group(1)
				.toLowerCase(Locale.ROOT)
				.replaceAll("[^\\p{L}\\p{N} _-]", "")
				.replace(' ', '-'))
			.toList();
	}

	private static String withoutCode(Path page) {
		return FENCE.matcher(read(page)).replaceAll("");
	}

	/**
	 * Collapses every run of white space to one space, so that indentation and line breaks do not
	 * count when a sample is looked for in a source file.
	 */
	static String normalize(String code) {
		return code.replaceAll("\\s+", " ").trim();
	}

	static String firstLine(String block) {
		return block.strip().lines().findFirst().orElse("");
	}

	/**
	 * Flattens a parsed YAML document to dotted keys; an empty map is a key of its own (as
	 * {@code green.events.ready: {}}).
	 */
	static Map<String, Object> flatten(Object yaml) {
		Map<String, Object> flat = new LinkedHashMap<>();
		flatten("", yaml, flat);
		return flat;
	}

	private static void flatten(String prefix, Object value, Map<String, Object> flat) {
		if (value instanceof Map<?, ?> map && !map.isEmpty()) {
			map.forEach((key, nested) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key,
					(nested != null) ? nested : "", flat));
		}
		else if (!prefix.isEmpty()) {
			flat.put(prefix, (value instanceof Map<?, ?>) ? "" : value);
		}
	}

}
