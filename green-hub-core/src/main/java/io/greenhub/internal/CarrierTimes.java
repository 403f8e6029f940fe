package io.greenhub.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the operating system says a hub's carrier thread did: how much CPU it used and how
 * long it waited, runnable, for a CPU. Blocking detection reads both at the start and at
 * the end of a stall to tell a carrier held by a continuation that runs too long (it used
 * the CPU) from one that the OS did not schedule (it waited for a CPU) and from one
 * blocked in the kernel (neither).
 *
 * <p>
 * The CPU time comes from {@link ThreadMXBean#getThreadCpuTime(long)}; the run-queue wait
 * from Linux's {@code /proc/self/task/<tid>/schedstat}, where the carrier found its own
 * thread id as it started. Elsewhere the wait is unknown. Every method returns at once
 * and may be called from any thread; the watchdog calls them once per hub per round while
 * a heartbeat is out.
 */
public interface CarrierTimes {

	/** The times of the running JVM. */
	CarrierTimes SYSTEM = new SystemTimes();

	/**
	 * Returns the CPU time the carrier has used, in nanoseconds, or {@code -1} if
	 * unknown.
	 */
	long cpuNanos(HubEventLoop loop);

	/**
	 * Returns how long the carrier has waited in the OS's run queue, in nanoseconds, or
	 * {@code -1} if unknown.
	 */
	long runQueueNanos(HubEventLoop loop);

	/**
	 * Returns the OS's id of the calling platform thread, or {@code -1} if the OS does
	 * not say. Called by each carrier as it starts.
	 */
	static int currentOsThreadId() {
		try {
			Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));
			return Integer.parseInt(self.getFileName().toString());
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * The JVM's and Linux's times.
	 */
	final class SystemTimes implements CarrierTimes {

		private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

		private final boolean cpuTime = this.threads.isThreadCpuTimeSupported()
				&& this.threads.isThreadCpuTimeEnabled();

		@Override
		public long cpuNanos(HubEventLoop loop) {
			Thread carrier = loop.carrier();
			return (this.cpuTime && carrier != null) ? this.threads.getThreadCpuTime(carrier.threadId()) : -1;
		}

		@Override
		public long runQueueNanos(HubEventLoop loop) {
			int tid = loop.carrierOsThreadId();
			if (tid < 0) {
				return -1;
			}
			try {
				// "<ns on a CPU> <ns waiting in the run queue> <time slices>"
				String[] fields = Files.readString(Path.of("/proc/self/task/" + tid + "/schedstat")).trim().split(" ");
				return Long.parseLong(fields[1]);
			}
			catch (IOException | RuntimeException ex) {
				return -1;
			}
		}

	}

}
