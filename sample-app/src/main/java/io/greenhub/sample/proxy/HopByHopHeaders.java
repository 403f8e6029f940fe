package io.greenhub.sample.proxy;

import java.util.Arrays;
import java.util.List;

import org.springframework.http.HttpHeaders;

/**
 * The headers that describe one connection rather than the message (RFC 9110, section
 * 7.6.1), which a proxy must not forward: the standard ones and those the
 * {@code Connection} header names.
 */
final class HopByHopHeaders {

	private static final List<String> STANDARD = List.of(HttpHeaders.CONNECTION, "Keep-Alive",
			HttpHeaders.PROXY_AUTHENTICATE, HttpHeaders.PROXY_AUTHORIZATION, HttpHeaders.TE, HttpHeaders.TRAILER,
			HttpHeaders.TRANSFER_ENCODING, HttpHeaders.UPGRADE, "Proxy-Connection");

	private HopByHopHeaders() {
	}

	/**
	 * Returns a copy of the headers without the hop-by-hop ones.
	 * @param headers the headers of a message
	 * @return the headers to forward
	 */
	static HttpHeaders strip(HttpHeaders headers) {
		HttpHeaders forwarded = new HttpHeaders();
		forwarded.putAll(headers);
		List<String> connection = headers.getOrEmpty(HttpHeaders.CONNECTION);
		connection.stream()
			.flatMap((value) -> Arrays.stream(value.split(",")))
			.map(String::strip)
			.forEach(forwarded::remove);
		STANDARD.forEach(forwarded::remove);
		return forwarded;
	}

}
