package io.greenhub.sample.proxy;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.greenhub.sample.PropertyChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The proxy's settings, under {@code sample.proxy}; checked at start-up.
 *
 * @param allowedHosts the only hosts the proxy calls, as bare names or IPv4 addresses (no
 * scheme, port or path), compared without case; empty: none
 * @param connectTimeout how long a connection to the target may take
 * @param readTimeout how long the target may take to answer, its whole body included;
 * keep it shorter than {@code green.handler.timeout}, so that a target that trickles
 * forever is cut off before the handler times out
 * @param maxBodySize the largest body forwarded; a larger one is a 502
 */
@ConfigurationProperties("sample.proxy")
public record ProxyProperties(@DefaultValue List<String> allowedHosts, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("30s") Duration readTimeout, @DefaultValue("10MB") DataSize maxBodySize) {

	private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?");

	public ProxyProperties {
		allowedHosts = allowedHosts.stream().map((host) -> host.strip().toLowerCase(Locale.ROOT)).toList();
		for (String host : allowedHosts) {
			PropertyChecks.check(HOST.matcher(host).matches(), "sample.proxy.allowed-hosts", host,
					"each entry must be a bare host name or IPv4 address, without scheme, port or path");
		}
		PropertyChecks.positive("sample.proxy.connect-timeout", connectTimeout);
		PropertyChecks.positive("sample.proxy.read-timeout", readTimeout);
		PropertyChecks.check(maxBodySize.toBytes() > 0 && maxBodySize.toBytes() < Integer.MAX_VALUE,
				"sample.proxy.max-body-size", maxBodySize, "it must be between 1B and 2GB");
	}

	/**
	 * Returns whether the proxy may call the host.
	 * @param host the host of a target URL
	 * @return whether it is on the allow-list
	 */
	public boolean allows(String host) {
		return this.allowedHosts.contains(host.toLowerCase(Locale.ROOT));
	}

}
