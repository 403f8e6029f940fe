package io.greenhub.autoconfigure.tcp;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Green TCP servers, under {@code green.tcp}: each is served by the
 * {@code @GreenHandler(server = "<name>")} connection handler bean of the same name.
 */
@ConfigurationProperties("green.tcp")
public class GreenTcpProperties {

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
		 * How long a connection may send nothing before it is closed. When not set, no limit.
		 */
		private @Nullable Duration idleTimeout;

		/**
		 * How long the connections still open at shutdown may go on before their handlers are killed.
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
