package io.greenhub.reliability;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the application's handlers saw, counted server-side for the tests to compare with
 * what the clients saw. Every counter is incremented by handlers (green threads or event
 * loops) and read by test threads.
 */
public class Probes {

	/** Handlers of {@code /park-forever} that started. */
	final AtomicLong parkedStarted = new AtomicLong();

	/** Handlers of {@code /park-forever} whose {@code finally} ran. */
	final AtomicLong parkedUnwound = new AtomicLong();

	/** Requests of {@code /secure/whoami} served. */
	final AtomicLong isolationSeen = new AtomicLong();

	/** Times a {@code /secure/whoami} handler saw another request's user or MDC. */
	final AtomicLong isolationMismatches = new AtomicLong();

	/** Handlers of {@code /slow} that started. */
	final AtomicLong slowStarted = new AtomicLong();

	/** Ids of {@code /slow} requests whose handler started before shutdown began. */
	final Set<String> startedBeforeShutdown = ConcurrentHashMap.newKeySet();

	/** Set by the shutdown test just before it closes the context. */
	volatile boolean shutdownBegun;

	/** Set by the CPU hog's handler as it stops computing. */
	volatile boolean hogDone;

	/** TCP connection handlers that started and that ended, per server. */
	final AtomicLong tcpStarted = new AtomicLong();

	final AtomicLong tcpEnded = new AtomicLong();

	/** Bytes the firehose handler has written. */
	final AtomicLong firehoseWritten = new AtomicLong();

	/** Lines refused for being too long. */
	final AtomicLong linesTooLong = new AtomicLong();

}
