package io.greenhub.autoconfigure.tcp;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import javax.net.ssl.SSLException;

import io.greenhub.GreenConnectionHandler;
import io.greenhub.GreenHubGroup;
import io.greenhub.GreenServer;
import io.greenhub.spring.GreenHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Starts a {@link GreenServer} for each entry of {@code green.tcp.servers}, served by the
 * {@link GreenConnectionHandler} bean annotated {@code @GreenHandler(server = "<name>")}, and
 * closes them when the context stops. Started and stopped on the thread that refreshes and
 * closes the context.
 *
 * <p>Once a server listens, the environment holds its port under
 * {@code local.green.tcp.servers.<name>.port}, as {@code local.server.port} holds the web
 * server's: with {@code port: 0} that is how a test or a client finds it.
 */
final class GreenTcpServers implements SmartLifecycle {

	private static final String PORTS_SOURCE = "green.tcp.ports";

	private final GreenHubGroup hubs;

	private final GreenTcpProperties properties;

	private final ListableBeanFactory beans;

	private final Environment environment;

	// Written and read by the thread that starts and stops the context.
	private final Map<String, GreenServer> servers = new LinkedHashMap<>();

	GreenTcpServers(GreenHubGroup hubs, GreenTcpProperties properties, ListableBeanFactory beans,
			Environment environment) {
		this.hubs = hubs;
		this.properties = properties;
		this.beans = beans;
		this.environment = environment;
	}

	@Override
	public void start() {
		Map<String, GreenConnectionHandler> handlers = handlersByServer();
		for (String name : handlers.keySet()) {
			if (!this.properties.getServers().containsKey(name)) {
				throw new InvalidConfigurationPropertyValueException("green.tcp.servers." + name + ".port", null,
						"A @GreenHandler(server = \"" + name + "\") connection handler names this server, which is not configured.");
			}
		}
		this.properties.getServers().forEach((name, config) -> {
			GreenConnectionHandler handler = handlers.get(name);
			if (handler == null) {
				throw new InvalidConfigurationPropertyValueException("green.tcp.servers." + name, name,
						"No GreenConnectionHandler bean annotated @GreenHandler(server = \"" + name + "\") serves it.");
			}
			GreenServer server = bind(name, config, handler);
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
			GreenHandler annotation = this.beans.findAnnotationOnBean(bean, GreenHandler.class);
			if (annotation == null || annotation.server().isEmpty()) {
				continue;
			}
			if (handlers.containsKey(annotation.server())) {
				throw new IllegalStateException("Two connection handlers serve green TCP server '" + annotation.server()
						+ "'; the second is bean '" + bean + "'");
			}
			handlers.put(annotation.server(), this.beans.getBean(bean, GreenConnectionHandler.class));
		}
		return handlers;
	}

	private GreenServer bind(String name, GreenTcpProperties.Server config, GreenConnectionHandler handler) {
		String prefix = "green.tcp.servers." + name;
		Integer port = config.getPort();
		if (port == null || port < 0 || port > 65535) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".port", port,
					"The port must be set, from 0 (any free port) to 65535.");
		}
		GreenServer.Builder server = GreenServer.builder(this.hubs)
			.address(new InetSocketAddress(config.getHost(), port))
			.handler(handler);
		Integer maxConnections = config.getMaxConnections();
		if (maxConnections != null) {
			if (maxConnections < 1) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".max-connections", maxConnections,
						"The limit must be positive.");
			}
			server.maxConnections(maxConnections);
		}
		if (config.getIdleTimeout() != null) {
			if (config.getIdleTimeout().isNegative() || config.getIdleTimeout().isZero()) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".idle-timeout", config.getIdleTimeout(),
						"The idle timeout must be positive.");
			}
			server.idleTimeout(config.getIdleTimeout());
		}
		String bundle = config.getSslBundle();
		if (bundle != null) {
			server.tls(sslContext(prefix, bundle));
		}
		return server.bind();
	}

	private SslContext sslContext(String prefix, String bundleName) {
		SslBundle bundle = this.beans.getBeanProvider(SslBundles.class)
			.getObject()
			.getBundle(bundleName);
		try {
			return SslContextBuilder.forServer(bundle.getManagers().getKeyManagerFactory())
				.trustManager(bundle.getManagers().getTrustManagerFactory())
				.build();
		}
		catch (SSLException ex) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".ssl-bundle", bundleName,
					"The SSL bundle cannot serve TLS: " + ex.getMessage());
		}
	}

	@Override
	public void stop() {
		// each server was started from its entry in the properties
		this.servers.forEach((name, server) -> server
			.close(Objects.requireNonNull(this.properties.getServers().get(name), name).getShutdownGracePeriod()));
		this.servers.clear();
	}

	@Override
	public boolean isRunning() {
		return !this.servers.isEmpty();
	}

}
