package io.greenhub.sample.forward;

import java.time.Duration;

import io.greenhub.sample.PropertyChecks;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the port forwarder ({@code green.tcp.servers.forward}) sends its connections,
 * under {@code sample.forward}; checked at start-up.
 *
 * @param host the target's host
 * @param port the target's port; unset: the port this application's HTTP server listens
 * on ({@code local.server.port}), whatever {@code server.port} says
 * @param connectTimeout how long connecting to the target may take
 */
@ConfigurationProperties("sample.forward")
public record ForwardProperties(@DefaultValue("localhost") String host, @Nullable Integer port,
		@DefaultValue("5s") Duration connectTimeout) {

	public ForwardProperties {
		PropertyChecks.notBlank("sample.forward.host", host);
		if (port != null) {
			PropertyChecks.port("sample.forward.port", port);
		}
		PropertyChecks.positive("sample.forward.connect-timeout", connectTimeout);
	}

}
