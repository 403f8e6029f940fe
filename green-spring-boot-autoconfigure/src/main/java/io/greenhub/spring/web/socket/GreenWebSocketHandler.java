package io.greenhub.spring.web.socket;

import java.util.List;

/**
 * A WebSocket endpoint written as plain synchronous code: {@link #handle} runs on a green
 * thread, once per session, for as long as the session lasts. It is WebFlux's
 * {@code WebSocketHandler} with a green session in place of the {@code Flux} and
 * {@code Mono} of a reactive one, and it is mapped to a path the same way, by a
 * {@code SimpleUrlHandlerMapping} bean:
 *
 * <pre class="code">
 * &#64;Bean
 * SimpleUrlHandlerMapping echoMapping() {
 *     GreenWebSocketHandler echo = (session) -&gt; {
 *         for (GreenWebSocketMessage message = session.receive(); message != null; message = session.receive()) {
 *             session.send(message);
 *         }
 *     };
 *     return new SimpleUrlHandlerMapping(Map.of("/echo", echo), -1);
 * }
 * </pre>
 *
 * The {@link GreenWebSocketHandlerAdapter} that the auto-configuration provides serves
 * every handler of this type that a mapping returns: it performs the handshake and starts
 * the session's green thread on the hub of the event loop that owns the connection.
 *
 * <p>
 * When {@code handle} returns, the session is closed with {@code 1000} (normal closure)
 * unless it was closed already; when it throws, with {@code 1011} (server error), and the
 * exception is logged at WARN (at DEBUG for an {@code IOException} after the session had
 * ended: a send to a peer that had gone); when its green thread is killed (at shutdown,
 * say), with {@code 1001} (going away). What the handler spawned is killed with it when
 * it throws or is killed. A handler that returns before the peer has closed ends the
 * session: one that wants to go on reading loops on
 * {@link GreenWebSocketSession#receive()} until it returns {@code null}.
 */
@FunctionalInterface
public interface GreenWebSocketHandler {

	/**
	 * Serves one session, on its green thread. May park the green thread as long as it
	 * likes; every green wait (the session's own, {@code Green.blockOn}, the green
	 * primitives) parks only this session's thread.
	 * @param session the session
	 * @throws Exception anything: the session is then closed with {@code 1011}
	 */
	void handle(GreenWebSocketSession session) throws Exception;

	/**
	 * Returns the sub-protocols this handler speaks, as WebFlux's
	 * {@code WebSocketHandler} does: the handshake selects the first of the client's that
	 * is among them. Called during each handshake, on the event loop.
	 * @return the sub-protocols; none by default
	 */
	default List<String> getSubProtocols() {
		return List.of();
	}

}
