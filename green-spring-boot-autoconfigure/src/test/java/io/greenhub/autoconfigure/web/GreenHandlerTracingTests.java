package io.greenhub.autoconfigure.web;

import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With Micrometer Tracing, spans started in a green handler are children of the request's
 * span.
 */
@SpringBootTest(classes = GreenHandlerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "green.hub.hubs=2")
@AutoConfigureWebTestClient
@Import(GreenHandlerTracingTests.TestTracer.class)
class GreenHandlerTracingTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private SimpleTracer tracer;

	@Test
	void aSpanStartedInAGreenHandlerIsAChildOfTheRequestsSpan() {
		String traceId = this.client.get()
			.uri("/green/span")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		await().atMost(java.time.Duration.ofSeconds(10)).until(() -> this.tracer.getSpans().size() >= 2);
		SimpleSpan child = this.tracer.getSpans()
			.stream()
			.filter((span) -> "green-child".equals(span.getName()))
			.findFirst()
			.orElseThrow();
		SimpleSpan request = this.tracer.getSpans()
			.stream()
			.filter((span) -> span != child && span.getSpanId().equals(child.getParentId()))
			.findFirst()
			.orElseThrow(
					() -> new AssertionError("no span is the parent of " + child + " among " + this.tracer.getSpans()));
		assertThat(request.getName()).containsIgnoringCase("get");
		assertThat(child.getTraceId()).isEqualTo(request.getTraceId()).isEqualTo(traceId);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestTracer {

		@Bean
		SimpleTracer simpleTracer() {
			return new SimpleTracer();
		}

	}

}
