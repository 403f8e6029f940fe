package io.greenhub.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a {@code io.greenhub.tcp.GreenConnectionHandler} bean to the green TCP server it
 * serves, the one configured under {@code green.tcp.servers.<name>}: on the handler's
 * class (with {@code @Component}, or any other way of making it a bean) or on its
 * {@code @Bean} method.
 *
 * <pre class="code">
 * &#64;Component
 * &#64;GreenTcpHandler("chat")
 * class ChatHandler implements GreenConnectionHandler {
 *
 *     &#64;Override
 *     public void handle(GreenTransport transport) throws IOException {
 *         ...                                          // runs on the connection's green thread
 *     }
 *
 * }
 * </pre>
 *
 * <p>
 * Each server needs exactly one handler and each handler a configured server: a server
 * without a handler, a handler naming a server that is not configured, and two handlers
 * of one server fail the start of the context. Each connection runs the handler on a
 * green thread of its own, on the hub of the event loop that accepted it. It stands apart
 * from {@link GreenHandler}, which marks the WebFlux handlers that run on green threads:
 * this one names a server.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface GreenTcpHandler {

	/**
	 * The name of the TCP server the handler serves, the {@code <name>} of
	 * {@code green.tcp.servers.<name>}.
	 * @return the server's name
	 */
	String value();

}
