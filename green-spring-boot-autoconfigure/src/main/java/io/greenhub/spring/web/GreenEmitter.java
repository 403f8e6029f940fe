package io.greenhub.spring.web;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.greenhub.Green;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import org.springframework.core.MethodParameter;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * A response body that a green handler sends element by element, as plain synchronous
 * code: the green-hub form of Spring MVC's {@code ResponseBodyEmitter} and
 * {@code SseEmitter}, and of a WebFlux method that returns a {@code Flux<T>}. A
 * {@code @GreenHandler} method that returns {@code void} takes it as a parameter; WebFlux
 * writes what it sends as it would write the elements of a {@code Flux<T>} returned by
 * the method: {@code GreenEmitter<ServerSentEvent<T>>} (or any {@code T} with
 * {@code produces = "text/event-stream"}) as server-sent events,
 * {@code GreenEmitter<Order>} with {@code application/x-ndjson} as one JSON line per
 * order, {@code GreenEmitter<String>} or {@code GreenEmitter<byte[]>} as chunks of a
 * plain body.
 *
 * <pre class="code">
 * &#64;GreenHandler
 * &#64;GetMapping(path = "/ticks", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
 * void ticks(GreenEmitter&lt;ServerSentEvent&lt;Integer&gt;&gt; events) throws IOException {
 *     for (int i = 0; i &lt; 10; i++) {
 *         events.send(ServerSentEvent.builder(i).id(Integer.toString(i)).build());
 *         Green.sleep(Duration.ofSeconds(1));
 *     }
 * }   // the stream ends when the method returns
 * </pre>
 *
 * <h2>The life of a stream</h2> The first {@link #send} commits the response (status,
 * headers, the content type chosen from {@code produces} and {@code Accept}); until then
 * an exception from the method is answered as for any controller method:
 * {@code @ExceptionHandler}s, problem details. The stream ends when the method returns:
 * what was sent is written, then the response ends (a method that sent nothing answers an
 * empty stream). An exception after the first send aborts the stream: the connection is
 * closed (HTTP/1.1) or the stream reset (HTTP/2), as WebFlux does for a {@code Flux} that
 * fails once written; an exception handler's answer cannot be sent then. The client going
 * away kills the handler's green thread, whose {@code finally} blocks run.
 * {@code green.handler.timeout} does not limit a streaming handler;
 * {@code green.handler.stream-timeout} does.
 *
 * <h2>Back-pressure</h2> A send parks the green thread until Reactor Netty asks for
 * another element, which it does as what it has written reaches the socket: a client that
 * reads slowly slows the sender down, and one that stops reading parks it, with a bounded
 * number of elements (those Reactor Netty and WebFlux's encoders hold, about a hundred)
 * and the socket's buffers between the handler and the client.
 *
 * <h2>Threads</h2> Used by the handler's own green thread only, and not after the method
 * has returned. {@link #send} parks the green thread; a kill (the client went away, a
 * timeout) ends the wait with a {@code GreenKilledException} or
 * {@code GreenTimeoutException}. Elements must not be {@code null}.
 *
 * @param <T> the type of the elements
 */
public final class GreenEmitter<T> {

	/** The exchange attribute under which a streaming request's emitter is kept. */
	static final String ATTRIBUTE = GreenEmitter.class.getName() + ".EMITTER";

	private final EmitterSource<T> source = new EmitterSource<>();

	private final ServerWebExchange exchange;

	private final MethodParameter parameter;

	private final EmitterBodyWriter writer;

	private final ContextView context;

	// Completed by the writing thread when the response's write ends; waited on by the
	// green thread.
	private final CompletableFuture<@Nullable Void> written = new CompletableFuture<>();

	// Written and read by the handler's green thread only.
	private boolean started;

	private long sent;

	GreenEmitter(ServerWebExchange exchange, MethodParameter parameter, EmitterBodyWriter writer, ContextView context) {
		this.exchange = exchange;
		this.parameter = parameter;
		this.writer = writer;
		this.context = context;
	}

	/**
	 * Sends one element: encoded and written as the method's {@code Flux<T>} would be,
	 * and flushed. The first send commits the response. Parks the green thread while the
	 * client does not read.
	 * @param element the element
	 * @throws IOException if the stream is closed: the client went away, or the write
	 * failed
	 * @throws org.springframework.web.server.NotAcceptableStatusException on the first
	 * send, if no content type both the method produces and the client accepts can be
	 * written
	 */
	public void send(T element) throws IOException {
		Objects.requireNonNull(element, "element");
		start();
		try {
			this.source.offer(element);
		}
		catch (IOException ex) {
			if (ex.getCause() instanceof RuntimeException early && !this.exchange.getResponse().isCommitted()) {
				// the write failed before committing anything (no writer for the type):
				// answered as usual
				throw early;
			}
			throw ex;
		}
		this.sent++;
	}

	/**
	 * Returns how many elements have been sent; returns at once.
	 * @return the count of sends that returned
	 */
	public long sent() {
		return this.sent;
	}

	/** Whether the first send (or the end) has begun writing the response. */
	boolean isStarted() {
		return this.started;
	}

	/**
	 * Begins the write of the response, on the green thread; throws before anything is
	 * committed.
	 */
	private void start() {
		if (this.started) {
			return;
		}
		Mono<Void> write = this.writer.write(this, this.parameter, this.exchange);
		this.started = true;
		write.subscribe(new Completion());
	}

	/**
	 * The method returned: ends the stream and waits until it is written. Parks the green
	 * thread.
	 * @return the failure of the write, or {@code null}
	 */
	@Nullable Throwable finish() {
		start();
		this.source.complete();
		try {
			Green.blockOn(this.written);
			return null;
		}
		catch (CompletionException ex) {
			return (ex.getCause() != null) ? ex.getCause() : ex;
		}
		catch (RuntimeException ex) {
			if (this.written.isCompletedExceptionally()) {
				return ex;
			}
			throw ex;
		}
	}

	/**
	 * The method failed after the stream began. Once the response is committed, the
	 * request fails, and Reactor Netty closes the connection (or resets the HTTP/2
	 * stream) after what has been written so far; once it has, the write is ended with
	 * the failure. Ending it at once would drop the elements the writer holds, which the
	 * client should still see before the stream breaks. Before the commit it is ended at
	 * once. Returns at once.
	 */
	void abort(Throwable failure) {
		Object response = ServerHttpResponseDecorator.getNativeResponse(this.exchange.getResponse());
		if (this.exchange.getResponse().isCommitted() && response instanceof Connection connection
				&& connection.channel().isActive()) {
			connection.channel().closeFuture().addListener((closed) -> this.source.error(failure));
		}
		else {
			this.source.error(failure);
		}
	}

	/**
	 * Whether the response was written to its end (for a {@code HEAD}, without a body).
	 */
	boolean isWritten() {
		return this.written.isDone() && !this.written.isCompletedExceptionally();
	}

	EmitterSource<T> source() {
		return this.source;
	}

	/** Hears the end of the response's write, on whichever thread ends it. */
	private final class Completion implements CoreSubscriber<Void> {

		@Override
		public Context currentContext() {
			return Context.of(GreenEmitter.this.context);
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(Void nothing) {
		}

		@Override
		public void onError(Throwable failure) {
			GreenEmitter.this.written.completeExceptionally(failure);
			GreenEmitter.this.source.ended(failure);
		}

		@Override
		public void onComplete() {
			GreenEmitter.this.written.complete(null);
			GreenEmitter.this.source.ended(null);
		}

	}

}
