package io.greenhub.sample.downstream;

import java.time.Duration;
import java.util.Objects;

import io.greenhub.Green;

import org.springframework.core.env.Environment;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls the app's own {@code /downstream} endpoints over HTTP, on the port the web server
 * listens on ({@code local.server.port}), from green threads.
 *
 * <p>
 * The WebClient runs on the application's {@code ReactorResourceFactory}, whose event
 * loops the starter makes the hubs', and {@link Green#blockOn} parks the calling green
 * thread only; a {@code GreenTimeout} around the call interrupts that wait.
 */
@Component
public class SelfClient {

	private final WebClient webClient;

	private final Environment environment;

	SelfClient(ReactorResourceFactory resources, Environment environment) {
		this.webClient = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(resources, (client) -> client))
			.build();
		this.environment = environment;
	}

	/**
	 * Calls {@code GET /downstream/{name}?delay=...} and returns its answer; parks the
	 * calling green thread until then.
	 * @param name the downstream's name
	 * @param delay how long the downstream takes to answer
	 * @return the answer
	 * @throws org.springframework.web.reactive.function.client.WebClientException if the
	 * call failed
	 * @throws io.greenhub.GreenTimeoutException if a green timeout of the caller expired
	 * meanwhile
	 */
	public String downstream(String name, Duration delay) {
		int port = this.environment.getRequiredProperty("local.server.port", Integer.class);
		String answer = Green.blockOn(this.webClient.get()
			.uri("http://127.0.0.1:{port}/downstream/{name}?delay={delay}ms", port, name, delay.toMillis())
			.retrieve()
			.bodyToMono(String.class));
		return Objects.requireNonNull(answer, "answer");
	}

}
