package io.greenhub.spring.tcp;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import io.greenhub.spring.GreenHandler;
import io.greenhub.spring.GreenTcpHandler;
import io.greenhub.tcp.GreenConnectionHandler;
import io.greenhub.tcp.GreenServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Starts a {@link GreenServer} for each server of {@code green.tcp.servers}, served by
 * the {@link GreenConnectionHandler} bean annotated
 * {@link GreenTcpHandler @GreenTcpHandler}{@code ("<name>")}, and closes them when the
 * context stops. Started and stopped on the thread that refreshes and closes the context.
 * The auto-configuration declares it, with a {@link Definition} for each configured
 * server.
 *
 * <p>
 * Once a server listens, the environment holds its port under
 * {@code local.green.tcp.servers.<name>.port}, as {@code local.server.port} holds the web
 * server's: with {@code port: 0} that is how a test or a client finds it.
 *
 * <p>
 * A handler bound the deprecated way, {@code @GreenHandler(server = "<name>")}, still
 * serves its server; the start logs one WARN line for it that names the new form.
 */
public final class GreenTcpServers implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(GreenTcpServers.class);

	private static final String PORTS_SOURCE = "green.tcp.ports";

	private final Map<String, Definition> definitions;

	private final ListableBeanFactory beans;

	private final Environment environment;

	// Written and read by the thread that starts and stops the context.
	private final Map<String, GreenServer> servers = new LinkedHashMap<>();

	/**
	 * Creates the servers, which listen once {@link #start() started}.
	 * @param definitions the servers by name, the {@code <name>} of
	 * {@code green.tcp.servers.<name>}, in the order they start
	 * @param beans the bean factory that holds the connection handlers
	 * @param environment the environment that is told each server's port
	 */
	public GreenTcpServers(Map<String, Definition> definitions, ListableBeanFactory beans, Environment environment) {
		this.definitions = Collections.unmodifiableMap(new LinkedHashMap<>(definitions));
		this.beans = beans;
		this.environment = environment;
	}

	@Override
	public void start() {
		Map<String, GreenConnectionHandler> handlers = handlersByServer();
		for (String name : handlers.keySet()) {
			if (!this.definitions.containsKey(name)) {
				throw new InvalidConfigurationPropertyValueException("green.tcp.servers." + name + ".port", null,
						"A @GreenTcpHandler(\"" + name
								+ "\") connection handler names this server, which is not configured.");
			}
		}
		this.definitions.forEach((name, definition) -> {
			GreenConnectionHandler handler = handlers.get(name);
			if (handler == null) {
				throw new InvalidConfigurationPropertyValueException("green.tcp.servers." + name, name,
						"No GreenConnectionHandler bean annotated @GreenTcpHandler(\"" + name + "\") serves it.");
			}
			GreenServer server = definition.builder().get().handler(handler).bind();
			this.servers.put(name, server);
			publishPort(name, server.port());
		});
	}

	private void publishPort(String name, int port) {
		if (!(this.environment instanceof ConfigurableEnvironment configurable)) {
			return;
		}
		MutablePropertySources sources = configurable.getPropertySources();
		PropertySource<?> ports = sources.get(PORTS_SOURCE);
		if (ports == null) {
			ports = new MapPropertySource(PORTS_SOURCE, new LinkedHashMap<>());
			sources.addFirst(ports);
		}
		((MapPropertySource) ports).getSource().put("local.green.tcp.servers." + name + ".port", port);
	}

	private Map<String, GreenConnectionHandler> handlersByServer() {
		Map<String, GreenConnectionHandler> handlers = new LinkedHashMap<>();
		for (String bean : this.beans.getBeanNamesForType(GreenConnectionHandler.class)) {
			String server = serverOf(bean);
			if (server == null) {
				continue;
			}
			if (handlers.containsKey(server)) {
				throw new IllegalStateException("Two connection handlers serve green TCP server '" + server
						+ "'; the second is bean '" + bean + "'");
			}
			handlers.put(server, this.beans.getBean(bean, GreenConnectionHandler.class));
		}
		return handlers;
	}

	@SuppressWarnings("removal")
	private @Nullable String serverOf(String bean) {
		GreenTcpHandler binding = this.beans.findAnnotationOnBean(bean, GreenTcpHandler.class);
		if (binding != null) {
			if (binding.value().isBlank()) {
				throw new IllegalStateException("Connection handler bean '" + bean
						+ "' is annotated @GreenTcpHandler without the name of a server");
			}
			return binding.value();
		}
		GreenHandler deprecated = this.beans.findAnnotationOnBean(bean, GreenHandler.class);
		if (deprecated == null || deprecated.server().isEmpty()) {
			return null;
		}
		String server = deprecated.server();
		logger.warn(
				"Connection handler bean '{}' is bound to green TCP server '{}' by @GreenHandler(server = \"{}\"), "
						+ "which is deprecated: annotate it @GreenTcpHandler(\"{}\") instead",
				bean, server, server, server);
		return server;
	}

	@Override
	public void stop() {
		// each server was started from its definition
		this.servers.forEach((name, server) -> server
			.close(Objects.requireNonNull(this.definitions.get(name), name).shutdownGracePeriod()));
		this.servers.clear();
	}

	@Override
	public boolean isRunning() {
		return !this.servers.isEmpty();
	}

	/**
	 * One server to start.
	 *
	 * @param builder makes the server's builder, with all but its handler set (hubs,
	 * address, limits, TLS); called at each start, on the thread that starts the context,
	 * so that what it reads (an SSL bundle) is read then
	 * @param shutdownGracePeriod how long the connections still open when the context
	 * stops may go on before their handlers are killed
	 */
	public record Definition(Supplier<GreenServer.Builder> builder, Duration shutdownGracePeriod) {
	}

}
