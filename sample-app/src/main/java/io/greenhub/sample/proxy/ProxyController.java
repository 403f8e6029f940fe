package io.greenhub.sample.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import io.greenhub.spring.GreenHandler;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /proxy?url=...}: fetches the URL and answers with its status, headers (without the
 * hop-by-hop ones) and body. Only http and https URLs to the hosts of
 * {@code sample.proxy.allowed-hosts} are fetched, so the proxy is no open relay; redirects are
 * forwarded, not followed.
 *
 * <p>The code is synchronous: Spring's {@code RestClient} on Reactor Netty, whose wait parks the
 * handler's green thread only.
 */
@RestController
@GreenHandler
class ProxyController {

	private static final Set<String> SCHEMES = Set.of("http", "https");

	private final ProxyProperties properties;

	private final RestClient restClient;

	ProxyController(ProxyProperties properties, ReactorResourceFactory resources) {
		this.properties = properties;
		// on the application's event loops, which the starter makes the hubs'
		ReactorClientHttpRequestFactory requests = new ReactorClientHttpRequestFactory(resources, (client) -> client);
		requests.setConnectTimeout(properties.connectTimeout());
		requests.setReadTimeout(properties.readTimeout());
		this.restClient = RestClient.builder().requestFactory(requests).build();
	}

	@GetMapping("/proxy")
	ResponseEntity<byte[]> proxy(@RequestParam String url) {
		URI target = allowedTarget(url);
		return this.restClient.get()
			.uri(target)
			.exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
				.headers(HopByHopHeaders.strip(response.getHeaders()))
				.body(readBody(target, response.getBody())));
	}

	/**
	 * Answers 502 when the target cannot be reached or does not answer in time; runs on the
	 * handler's green thread.
	 */
	@ExceptionHandler
	ProblemDetail unreachable(ResourceAccessException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "The target did not answer: " + ex.getMessage());
	}

	private URI allowedTarget(String url) {
		URI target;
		try {
			target = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Parameter 'url' is not a URL: " + ex.getMessage());
		}
		String scheme = (target.getScheme() != null) ? target.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!SCHEMES.contains(scheme)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Only http and https URLs are proxied, was scheme: '" + scheme + "'");
		}
		if (target.getHost() == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "URL has no host: '" + url + "'");
		}
		if (!this.properties.allows(target.getHost())) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN,
					"Host '" + target.getHost() + "' is not in sample.proxy.allowed-hosts");
		}
		return target;
	}

	private byte[] readBody(URI target, InputStream body) throws IOException {
		int max = (int) this.properties.maxBodySize().toBytes();
		byte[] bytes = body.readNBytes(max + 1);
		if (bytes.length > max) {
			throw new ResponseStatusException(HttpStatus.BAD_GATEWAY,
					"The body from " + target.getHost() + " is larger than sample.proxy.max-body-size (" + max + " bytes)");
		}
		return bytes;
	}

}
