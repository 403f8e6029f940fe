package io.greenhub.benchmarks.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A peer of the load benchmark and the command that starts it; {@code {port}} and
 * {@code {downstream}} in it are placeholders.
 *
 * @param name its short name, as in the tables
 * @param description what it is
 * @param command the command
 */
record Peer(String name, String description, List<String> command) {

	/** The JVM options every peer runs with: the same heap and GC for all. */
	static final List<String> JVM = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "--enable-native-access=ALL-UNNAMED",
			// Reactor Netty's client pools would otherwise hold 16 connections per host
			// on this machine.
			"-Dreactor.netty.pool.maxConnections=20000");

	/**
	 * Every peer, B1 first.
	 * @param java the java launcher
	 * @param root the repository's root
	 * @return the peers
	 */
	static List<Peer> all(String java, Path root) {
		Path benchmarks = root.resolve("benchmarks");
		String webflux = benchmarks.resolve("peer-webflux/target/benchmarks-peer-webflux.jar").toString();
		String webfluxStarter = benchmarks.resolve("peer-webflux-starter/target/benchmarks-peer-webflux-starter.jar")
			.toString();
		String mvc = benchmarks.resolve("peer-mvc/target/benchmarks-peer-mvc.jar").toString();
		String green = benchmarks.resolve("peer-green/target/benchmarks-peer-green.jar").toString();
		List<String> spring = List.of("--server.port={port}", "--server.address=127.0.0.1",
				"--downstream.url={downstream}");
		return List.of(new Peer("B1", "WebFlux, Mono handlers and WebClient", jar(java, List
			.of(), webflux, spring, "--spring.profiles.active=reactive")), new Peer(
					"B1+starter",
					"B1's application and endpoints with the green-hub starter on its class path (green.hub.mode=auto, "
							+ "loop mode through the jar's Add-Opens)",
					jar(java, List.of(), webfluxStarter, spring, "--spring.profiles.active=reactive")),
				new Peer("B0", "raw Reactor Netty HttpServer and HttpClient",
						classpath(java, RawServer.class, "{port}", "{downstream}")),
				new Peer("B2",
						"WebFlux, blocking handlers on virtual threads (spring.threads.virtual.enabled), RestClient",
						jar(java, List.of(), webflux, spring, "--spring.profiles.active=virtual")),
				new Peer("B3", "Spring MVC on Tomcat with virtual threads, RestClient",
						jar(java, List.of(), mvc, spring)),
				new Peer("G-loop", "green-hub @GreenHandler, green.hub.mode=loop, WebClient + Green.blockOn, GreenPile",
						jar(java, List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED"), green, spring,
								"--green.hub.mode=loop")),
				new Peer("G-pool", "green-hub @GreenHandler, green.hub.mode=pool",
						jar(java, List.of(), green, spring, "--green.hub.mode=pool")));
	}

	/**
	 * G-loop built from another commit: the same command with that build's jar.
	 * @param java the java launcher
	 * @param name its name, such as {@code G-loop@1a2b3c4}
	 * @param jar that build's {@code benchmarks-peer-green.jar}
	 * @return the peer
	 */
	static Peer greenLoop(String java, String name, Path jar) {
		List<String> spring = List.of("--server.port={port}", "--server.address=127.0.0.1",
				"--downstream.url={downstream}");
		return new Peer(name, "G-loop built from " + name.substring(name.indexOf('@') + 1),
				jar(java, List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED"), jar.toString(), spring,
						"--green.hub.mode=loop"));
	}

	/**
	 * This peer with more JVM options (system properties such as
	 * {@code -Dgreen.hub.hubs=2} included), put before its main class or jar.
	 * @param name the new peer's name
	 * @param options the options
	 * @return the new peer
	 */
	Peer with(String name, List<String> options) {
		List<String> command = new ArrayList<>(this.command);
		int main = Math.max(command.indexOf("-jar"), command.indexOf("-cp"));
		command.addAll((main >= 0) ? main : 1, options);
		return new Peer(name, this.description + ", with " + String.join(" ", options), command);
	}

	/**
	 * A peer's name as a file name.
	 * @param name the name
	 * @return the name with every character but letters, digits, '.' and '-' replaced by
	 * '_'
	 */
	static String fileName(String name) {
		return name.replaceAll("[^A-Za-z0-9.-]", "_");
	}

	private static List<String> jar(String java, List<String> options, String jar, List<String> spring,
			String... args) {
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(JVM);
		command.addAll(options);
		command.addAll(List.of("-jar", jar));
		command.addAll(spring);
		command.addAll(List.of(args));
		return command;
	}

	/**
	 * The command that runs a main class of this module with the harness's own class
	 * path.
	 * @param java the java launcher
	 * @param main the class
	 * @param args its arguments
	 * @return the command
	 */
	static List<String> classpath(String java, Class<?> main, String... args) {
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(JVM);
		command.addAll(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp",
				System.getProperty("java.class.path"), main.getName()));
		command.addAll(List.of(args));
		return command;
	}

	/**
	 * The command with its placeholders filled in, except {@code {port}}, which
	 * {@link ServerProcess} fills.
	 * @param downstream the downstream server's base URL
	 * @return the command
	 */
	List<String> command(String downstream) {
		return this.command.stream().map((word) -> word.replace("{downstream}", downstream)).toList();
	}

}
