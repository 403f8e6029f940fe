package io.greenhub.autoconfigure.tcp;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Green TCP servers, under {@code green.tcp}: each is served by the connection handler
 * bean annotated {@code @GreenTcpHandler("<name>")}. Validated when bound: a port that is
 * not set or out of range, or a limit that is not positive, fails the start naming its
 * property.
 */
@ConfigurationProperties("green.tcp")
public class GreenTcpProperties implements Validator {

	/**
	 * Servers by name.
	 */
	private Map<String, Server> servers = new LinkedHashMap<>();

	public Map<String, Server> getServers() {
		return this.servers;
	}

	public void setServers(Map<String, Server> servers) {
		this.servers = servers;
	}

	@Override
	public boolean supports(Class<?> type) {
		return GreenTcpProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		((GreenTcpProperties) target).getServers().forEach((name, server) -> {
			String field = "servers[" + name + "]";
			String property = "green.tcp.servers." + name;
			Integer port = server.getPort();
			if (port == null || port < 0 || port > 65535) {
				errors.rejectValue(field + ".port", "range",
						property + ".port must be set, from 0 (any free port) to 65535.");
			}
			Integer maxConnections = server.getMaxConnections();
			if (maxConnections != null && maxConnections < 1) {
				errors.rejectValue(field + ".maxConnections", "positive",
						property + ".max-connections must be positive.");
			}
			Duration idleTimeout = server.getIdleTimeout();
			if (idleTimeout != null && !idleTimeout.isPositive()) {
				errors.rejectValue(field + ".idleTimeout", "positive", property + ".idle-timeout must be positive.");
			}
		});
	}

	/**
	 * A green TCP server.
	 */
	public static class Server {

		/**
		 * Address to listen on.
		 */
		private String host = "0.0.0.0";

		/**
		 * Port to listen on; 0 picks a free one.
		 */
		private @Nullable Integer port;

		/**
		 * Name of the Spring Boot SSL bundle to serve TLS with. When not set, plain TCP.
		 */
		private @Nullable String sslBundle;

		/**
		 * Most connections served at once; one more is closed as soon as it is accepted.
		 */
		private @Nullable Integer maxConnections;

		/**
		 * How long a connection may send nothing before it is closed. When not set, no
		 * limit.
		 */
		private @Nullable Duration idleTimeout;

		/**
		 * How long the connections still open at shutdown may go on before their handlers
		 * are killed.
		 */
		private Duration shutdownGracePeriod = Duration.ofSeconds(10);

		public String getHost() {
			return this.host;
		}

		public void setHost(String host) {
			this.host = host;
		}

		public @Nullable Integer getPort() {
			return this.port;
		}

		public void setPort(@Nullable Integer port) {
			this.port = port;
		}

		public @Nullable String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(@Nullable String sslBundle) {
			this.sslBundle = sslBundle;
		}

		public @Nullable Integer getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(@Nullable Integer maxConnections) {
			this.maxConnections = maxConnections;
		}

		public @Nullable Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(@Nullable Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public Duration getShutdownGracePeriod() {
			return this.shutdownGracePeriod;
		}

		public void setShutdownGracePeriod(Duration shutdownGracePeriod) {
			this.shutdownGracePeriod = shutdownGracePeriod;
		}

	}

}
