package io.greenhub.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a WebFlux controller method on a green thread: on a {@code @RestController} class,
 * every handler method of it; on a handler method, that method.
 *
 * <p>
 * The method keeps a synchronous signature: it returns {@code T},
 * {@code ResponseEntity<T>} or {@code void}, and takes {@code @PathVariable},
 * {@code @RequestParam}, {@code @RequestBody} and headers as usual. It runs on a green
 * thread of the hub whose event loop serves the request, so
 * {@code Green.blockOn(webClient...)}, Spring's {@code RestClient} on Reactor Netty,
 * {@code Thread.sleep} and the green primitives park only that thread.
 *
 * <pre class="code">
 * &#64;RestController
 * &#64;GreenHandler
 * class OrderController {
 *
 *     &#64;GetMapping("/orders/{id}")
 *     Order order(&#64;PathVariable String id) {
 *         return Green.blockOn(orders.find(id));      // parks; the loop serves others
 *     }
 *
 * }
 * </pre>
 *
 * <p>
 * Each request runs on one green thread, started on the hub of the event loop that read
 * it; argument resolution, the method, its exception handlers and the writing of the
 * return value all run on it. When the client goes away the handler's green thread is
 * killed and its {@code finally} blocks run. A handler that runs longer than
 * {@code green.handler.timeout} has its next green wait throw, and once it has unwound
 * the request ends with a 503 ({@code GreenHandlerTimeoutException}). Beyond
 * {@code green.handler.max-in-flight} handlers running at once, requests are answered 503
 * with {@code Retry-After} at once. These 503s go through Spring's error handling:
 * {@code @ControllerAdvice} and {@code spring.webflux.problemdetails.enabled} apply to
 * them.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface GreenHandler {

	/**
	 * On a {@code GreenConnectionHandler} bean: the name of the TCP server it serves,
	 * configured under {@code green.tcp.servers.<name>}. Empty on controllers.
	 * @return the server's name
	 * @deprecated a connection handler names its server with
	 * {@link GreenTcpHandler @GreenTcpHandler}, {@code @GreenTcpHandler("chat")} for
	 * {@code @GreenHandler(server = "chat")}; this form still binds it, with a warning at
	 * start-up, and goes in the next release
	 */
	@Deprecated(since = "0.1.0", forRemoval = true)
	String server() default "";

}
