package io.greenhub.sample.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.greenhub.spring.GreenHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /proxy?url=...}: fetches the URL and answers with its status, headers
 * (without the hop-by-hop ones) and body. Only http and https URLs to the hosts of
 * {@code sample.proxy.allowed-hosts} are fetched, so the proxy is no open relay;
 * redirects are forwarded, not followed.
 *
 * <p>
 * The code is synchronous: Spring's {@code RestClient} on Reactor Netty, whose wait parks
 * the handler's green thread only.
 *
 * <p>
 * A body that is larger than {@code sample.proxy.max-body-size}, that takes longer than
 * {@code sample.proxy.read-timeout}, or whose reading ends in any other way than at its
 * end, is not drained: its connection is closed at once, so that an endless upstream
 * cannot keep the handler reading. A 502's problem detail never carries what the target
 * sent, nor the failure's message, which may quote it.
 */
@RestController
@GreenHandler
class ProxyController {

	private static final Logger logger = LoggerFactory.getLogger(ProxyController.class);

	private static final Set<String> SCHEMES = Set.of("http", "https");

	private static final String UNREACHABLE = "The target could not be reached or did not answer in time";

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
	 * Answers 502 when the target cannot be reached, does not answer in time or answers
	 * something that is not HTTP; runs on the handler's green thread. The detail is the
	 * same whatever the failure: the exception's message may quote the target's bytes (a
	 * TLS failure hex-dumps the start of what a plain-text port sent), so it goes to the
	 * log at DEBUG only.
	 */
	@ExceptionHandler
	ProblemDetail unreachable(RestClientException ex) {
		logger.debug("Proxy target failed: {}", ex.toString());
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, UNREACHABLE);
	}

	private URI allowedTarget(String url) {
		URI target;
		try {
			target = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Parameter 'url' is not a URL: " + ex.getMessage());
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

	/**
	 * Reads the whole body, at most the limit, within {@code sample.proxy.read-timeout}.
	 * Unless it was read to its end, the body is closed before Spring's response would
	 * drain it: that cancels the read and closes the connection. The bound is kept by a
	 * Reactor timer, on a platform thread of Reactor's parallel scheduler, that closes
	 * the body when it passes: a kill of the handler (its timeout) does not end a read of
	 * Spring's response body, which parks again when woken for anything but data (and,
	 * interrupted, spins on its hub's carrier), so this bound is what stops an upstream
	 * that trickles forever, and it must not need the handler's hub to run.
	 */
	private byte[] readBody(URI target, InputStream body) throws IOException {
		int max = (int) this.properties.maxBodySize().toBytes();
		AtomicBoolean late = new AtomicBoolean();
		Disposable deadline = Mono.delay(this.properties.readTimeout()).subscribe((tick) -> {
			late.set(true);
			abort(body);
		});
		boolean complete = false;
		try {
			byte[] bytes = body.readNBytes(max + 1);
			if (late.get()) {
				throw new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "The body from " + target.getHost()
						+ " took longer than sample.proxy.read-timeout (" + this.properties.readTimeout() + ")");
			}
			if (bytes.length > max) {
				throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "The body from " + target.getHost()
						+ " is larger than sample.proxy.max-body-size (" + max + " bytes)");
			}
			complete = true;
			return bytes;
		}
		finally {
			deadline.dispose();
			if (!complete) {
				abort(body);
			}
		}
	}

	private static void abort(InputStream body) {
		try {
			body.close();
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Closing an unfinished proxy body failed: {}", ex.toString());
		}
	}

}
