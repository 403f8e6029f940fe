package io.greenhub.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time and context switches of a process, read from Linux's {@code /proc}: CPU from
 * the {@code utime} and {@code stime} of {@code /proc/<pid>/stat} (clock ticks of 10 ms),
 * context switches summed over the {@code voluntary_ctxt_switches} and
 * {@code nonvoluntary_ctxt_switches} of every live thread in {@code /proc/<pid>/task}.
 * Threads that end between two samples take their switches with them, which matters
 * little for servers whose threads live as long as they do.
 *
 * @param cpuMillis user and system CPU time in milliseconds
 * @param contextSwitches voluntary and involuntary context switches
 */
record ProcStats(long cpuMillis, long contextSwitches) {

	/**
	 * Clock ticks per second of {@code /proc/<pid>/stat} ({@code getconf CLK_TCK}, 100 on
	 * Linux).
	 */
	private static final long TICKS_PER_SECOND = 100;

	/**
	 * Samples a process; zeros where {@code /proc} is missing (not Linux).
	 * @param pid the process id
	 * @return the sample
	 */
	static ProcStats of(long pid) {
		Path proc = Path.of("/proc", Long.toString(pid));
		if (!Files.isDirectory(proc)) {
			return new ProcStats(0, 0);
		}
		try {
			String stat = Files.readString(proc.resolve("stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// After the command: state is field 3 of stat, utime field 14, stime field
			// 15.
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			long switches = 0;
			try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
				for (Path task : tasks.toList()) {
					switches += switches(task.resolve("status"));
				}
			}
			return new ProcStats(ticks * 1000 / TICKS_PER_SECOND, switches);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read /proc of process " + pid, ex);
		}
	}

	private static long switches(Path status) {
		try {
			long sum = 0;
			for (String line : Files.readAllLines(status)) {
				if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
					sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
				}
			}
			return sum;
		}
		catch (IOException ex) {
			// the thread ended while we listed them
			return 0;
		}
	}

	/**
	 * What happened between an earlier sample and this one.
	 * @param earlier the earlier sample
	 * @return the differences
	 */
	ProcStats minus(ProcStats earlier) {
		return new ProcStats(this.cpuMillis - earlier.cpuMillis, this.contextSwitches - earlier.contextSwitches);
	}

}
