package io.greenhub.autoconfigure.tcp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.net.ssl.SSLException;

import io.greenhub.GreenHubGroup;
import io.greenhub.autoconfigure.GreenHubAutoConfiguration;
import io.greenhub.spring.GreenTcpHandler;
import io.greenhub.spring.tcp.GreenTcpServers;
import io.greenhub.tcp.GreenServer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of green TCP servers: each {@code green.tcp.servers.<name>} entry is
 * served by the {@code GreenConnectionHandler} bean annotated
 * {@link GreenTcpHandler @GreenTcpHandler}{@code ("<name>")}, on the hubs of the
 * application's group, and starts and stops with the context ({@link GreenTcpServers}).
 */
@AutoConfiguration(after = GreenHubAutoConfiguration.class)
@ConditionalOnClass(GreenServer.class)
@ConditionalOnBean(GreenHubGroup.class)
@EnableConfigurationProperties(GreenTcpProperties.class)
@Import(GreenTcpAutoConfiguration.ServersConfiguration.class)
public final class GreenTcpAutoConfiguration {

	private GreenTcpAutoConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
	static class ServersConfiguration {

		@Bean
		GreenTcpServers greenTcpServers(GreenHubGroup hubs, GreenTcpProperties properties, ListableBeanFactory beans,
				Environment environment) {
			Map<String, GreenTcpServers.Definition> servers = new LinkedHashMap<>();
			properties.getServers()
				.forEach((name, server) -> servers.put(name,
						new GreenTcpServers.Definition(() -> builder(hubs, "green.tcp.servers." + name, server, beans),
								server.getShutdownGracePeriod())));
			return new GreenTcpServers(servers, beans, environment);
		}

		// the properties are validated when bound: the port is set and in range, the
		// limits positive
		private static GreenServer.Builder builder(GreenHubGroup hubs, String prefix, GreenTcpProperties.Server server,
				ListableBeanFactory beans) {
			Integer port = server.getPort();
			GreenServer.Builder builder = GreenServer.builder(hubs)
				.address(new InetSocketAddress(server.getHost(), (port != null) ? port : 0));
			Integer maxConnections = server.getMaxConnections();
			if (maxConnections != null) {
				builder.maxConnections(maxConnections);
			}
			Duration idleTimeout = server.getIdleTimeout();
			if (idleTimeout != null) {
				builder.idleTimeout(idleTimeout);
			}
			String bundle = server.getSslBundle();
			if (bundle != null) {
				builder.tls(sslContext(prefix, bundle, beans));
			}
			return builder;
		}

		private static SslContext sslContext(String prefix, String bundleName, ListableBeanFactory beans) {
			SslBundle bundle = beans.getBeanProvider(SslBundles.class).getObject().getBundle(bundleName);
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

	}

}
