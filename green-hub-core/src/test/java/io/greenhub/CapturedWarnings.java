package io.greenhub;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * The WARN lines one class logs during each test: register with
 * {@code @RegisterExtension final CapturedWarnings warnings = new CapturedWarnings(Reporter.class);}.
 */
final class CapturedWarnings implements BeforeEachCallback, AfterEachCallback {

	private final Logger logger;

	// Appended to by whichever thread logs, in the appender's lock (AppenderBase.doAppend
	// is synchronized); read by the test thread, in the same lock.
	private final ListAppender<ILoggingEvent> events = new ListAppender<>();

	CapturedWarnings(Class<?> reporter) {
		this.logger = (Logger) LoggerFactory.getLogger(reporter);
	}

	/**
	 * Captures the lines of the logger of that name: for a reporter that is not visible
	 * here.
	 */
	CapturedWarnings(String reporter) {
		this.logger = (Logger) LoggerFactory.getLogger(reporter);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.events.start();
		this.logger.addAppender(this.events);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.logger.detachAppender(this.events);
	}

	/**
	 * Returns the formatted WARN messages logged so far in this test.
	 */
	List<String> messages() {
		return messages(Level.WARN);
	}

	/**
	 * Returns the formatted messages logged at the level so far in this test.
	 */
	List<String> messages(Level level) {
		List<ILoggingEvent> logged;
		// a test that polls reads while another thread appends
		synchronized (this.events) {
			logged = List.copyOf(this.events.list);
		}
		return logged.stream()
			.filter((event) -> event.getLevel() == level)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

}
