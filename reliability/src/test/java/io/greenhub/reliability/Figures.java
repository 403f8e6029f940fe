package io.greenhub.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The figures of each case, printed and written as one line per test to
 * {@code target/reliability/<case>.txt}, from which {@code docs/reliability.md} is
 * copied.
 */
final class Figures {

	// Files already started in this JVM, added to by test threads.
	private static final Set<String> started = ConcurrentHashMap.newKeySet();

	private Figures() {
	}

	static void record(String testCase, String line) {
		String summary = testCase + ": " + line;
		System.out.println("[reliability] " + summary);
		Path dir = Path.of(System.getProperty("reliability.figures", "target/reliability"));
		try {
			Files.createDirectories(dir);
			Path file = dir.resolve(testCase + ".txt");
			boolean first = started.add(testCase);
			Files.writeString(file, summary + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.WRITE, first ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns the heap in use after a full collection, in MiB. Blocks the calling thread
	 * for the collection.
	 */
	static long usedHeapAfterGcMiB() {
		System.gc();
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
	}

}
