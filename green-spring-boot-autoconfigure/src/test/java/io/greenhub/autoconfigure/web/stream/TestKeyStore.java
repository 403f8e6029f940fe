package io.greenhub.autoconfigure.web.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1} with its private
 * key, made by the JDK's {@code keytool} the first time a test asks, in a temporary
 * PKCS#12 key store that is deleted when the JVM exits. Test-only: no key is committed.
 */
final class TestKeyStore {

	static final String PASSWORD = "test-only";

	static final String ALIAS = "test";

	private static Path store;

	private TestKeyStore() {
	}

	static synchronized Path pkcs12() {
		if (store == null) {
			store = generate();
		}
		return store;
	}

	private static Path generate() {
		try {
			Path directory = Files.createTempDirectory("green-tls");
			Path file = directory.resolve("server.p12");
			Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
			Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg",
					"EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
					"-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", PASSWORD,
					"-keypass", PASSWORD))
				.redirectErrorStream(true)
				.start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("keytool did not finish within 60 s");
			}
			String output = new String(process.getInputStream().readAllBytes());
			if (process.exitValue() != 0) {
				throw new IllegalStateException("keytool failed: " + output);
			}
			file.toFile().deleteOnExit();
			directory.toFile().deleteOnExit();
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
