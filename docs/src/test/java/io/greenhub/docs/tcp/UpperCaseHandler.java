package io.greenhub.docs.tcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.greenhub.tcp.GreenConnectionHandler;
import io.greenhub.tcp.GreenTransport;
import io.greenhub.tcp.LineTransport;

/**
 * Answers each line with the line in upper case, until the client says {@code bye}. Runs on the
 * connection's green thread.
 */
class UpperCaseHandler implements GreenConnectionHandler {

	@Override
	public void handle(GreenTransport transport) throws IOException {
		LineTransport lines = new LineTransport(transport, StandardCharsets.UTF_8, 1024);
		for (String line = lines.readLine(); line != null; line = lines.readLine()) {
			if (line.equals("bye")) {
				lines.sendLine("bye");
				lines.transport().flush(); // waits until the OS has it; the server then closes
				return;
			}
			lines.sendLine(line.toUpperCase()); // written and flushed to the socket; does not wait for the OS
		}
	}

}
