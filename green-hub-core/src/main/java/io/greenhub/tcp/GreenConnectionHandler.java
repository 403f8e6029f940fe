package io.greenhub.tcp;

/**
 * Serves one connection of a {@link GreenServer}, on a green thread of the hub whose
 * event loop accepted it. The connection is closed when the handler returns or throws.
 */
@FunctionalInterface
public interface GreenConnectionHandler {

	/**
	 * Serves the connection; called on its own green thread, which may park freely.
	 * @param transport the connection
	 * @throws Exception anything; it is logged and the connection closed
	 */
	void handle(GreenTransport transport) throws Exception;

}
