package io.greenhub.spring.client;

import java.io.IOException;
import java.io.InputStream;

import io.greenhub.Green;
import io.greenhub.KillRegistration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A {@link ClientHttpRequestInterceptor} after which a kill of the green thread that
 * reads a response closes the response's body, so that the read ends.
 *
 * <p>
 * Spring's Reactor Netty response body waits for data without looking at interrupts, and
 * a body that keeps arriving never lets a reader park, so a killed green thread reading
 * or draining it (as {@link ClientHttpResponse#close()} drains what is left) would go on
 * until the server stops sending. With this interceptor the body is registered with
 * {@link Green#closeOnKill} when the response arrives: a kill closes it, which cancels
 * the read and the connection, the read returns the end of the stream, and the green
 * thread meets its kill at its next wait. Closing the response takes the registration off
 * again. On a thread that is not green it changes nothing.
 *
 * <p>
 * Green-hub's auto-configuration adds it to Spring Boot's {@code RestClient.Builder}; add
 * it to a {@code RestClient} or {@code RestTemplate} built by hand with
 * {@code requestInterceptor}. The kill's {@code close} runs on the killing thread, which
 * may be an event loop: Spring's Reactor Netty body closes without blocking.
 */
public final class CloseBodyOnKillInterceptor implements ClientHttpRequestInterceptor {

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		ClientHttpResponse response = execution.execute(request, body);
		if (!Green.isGreen()) {
			return response;
		}
		return new ClosedOnKill(response, Green.closeOnKill(response.getBody()));
	}

	/** The response, whose close also ends the registration of its body. */
	private record ClosedOnKill(ClientHttpResponse response,
			KillRegistration registration) implements ClientHttpResponse {

		@Override
		public HttpStatusCode getStatusCode() throws IOException {
			return this.response.getStatusCode();
		}

		@Override
		public String getStatusText() throws IOException {
			return this.response.getStatusText();
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.response.getHeaders();
		}

		@Override
		public InputStream getBody() throws IOException {
			return this.response.getBody();
		}

		@Override
		public void close() {
			try {
				this.response.close();
			}
			finally {
				this.registration.close();
			}
		}

	}

}
