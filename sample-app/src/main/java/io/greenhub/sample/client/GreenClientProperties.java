package io.greenhub.sample.client;

import java.time.Duration;
import java.util.List;

import io.greenhub.sample.PropertyChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The green client's settings, under {@code sample.client}; checked at start-up.
 *
 * @param enabled whether the client runs at start-up (off by default)
 * @param host the server's host
 * @param port the server's port
 * @param send lines to send once connected, before reading
 * @param connectTimeout how long connecting may take
 */
@ConfigurationProperties("sample.client")
public record GreenClientProperties(@DefaultValue("false") boolean enabled, @DefaultValue("localhost") String host,
		@DefaultValue("9000") int port, @DefaultValue List<String> send, @DefaultValue("5s") Duration connectTimeout) {

	public GreenClientProperties {
		PropertyChecks.notBlank("sample.client.host", host);
		PropertyChecks.port("sample.client.port", port);
		PropertyChecks.positive("sample.client.connect-timeout", connectTimeout);
	}

}
