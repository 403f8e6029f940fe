package io.greenhub.sample.client;

import java.io.IOException;

import io.greenhub.GreenHubGroup;
import io.greenhub.GreenThread;
import io.greenhub.tcp.GreenClient;
import io.greenhub.tcp.LineTransport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * A green TCP client, run at start-up when {@code sample.client.enabled=true}: it
 * connects to {@code sample.client.host:port} with {@link GreenClient}, sends the lines
 * of {@code sample.client.send}, and logs every line it reads until the server closes the
 * connection.
 *
 * <p>
 * It reads on a green thread, so start-up does not wait for it; a connection still open
 * at shutdown is closed when the thread is killed.
 */
@Component
@ConditionalOnBooleanProperty("sample.client.enabled")
class GreenClientRunner implements ApplicationRunner, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(GreenClientRunner.class);

	private final GreenClientProperties properties;

	private final GreenHubGroup hubs;

	// Written by run on the main thread; read by destroy on the thread that closes the
	// context.
	private volatile @Nullable GreenThread<?> reader;

	GreenClientRunner(GreenClientProperties properties, GreenHubGroup hubs) {
		this.properties = properties;
		this.hubs = hubs;
	}

	/**
	 * Starts the client on a green thread and returns at once; called on the main thread
	 * at the end of start-up.
	 */
	@Override
	public void run(ApplicationArguments args) {
		this.reader = this.hubs.spawn(this::readAll);
	}

	private @Nullable Void readAll() {
		String server = this.properties.host() + ":" + this.properties.port();
		try (LineTransport lines = new LineTransport(GreenClient.connect(this.properties.host(), this.properties.port(),
				this.properties.connectTimeout(), null))) {
			logger.info("Green client connected to {}", server);
			for (String line : this.properties.send()) {
				lines.sendLine(line);
			}
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				logger.info("Green client read: {}", line);
			}
			logger.info("Green client: {} closed the connection", server);
		}
		catch (IOException ex) {
			logger.warn("Green client failed on {}: {}", server, ex.toString());
		}
		return null;
	}

	/**
	 * Kills the reader if it still runs; called on the thread that closes the context.
	 */
	@Override
	public void destroy() {
		GreenThread<?> running = this.reader;
		if (running != null && !running.isDone()) {
			running.kill();
		}
	}

}
