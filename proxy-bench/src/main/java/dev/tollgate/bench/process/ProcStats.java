package dev.tollgate.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's resident memory and CPU time from Linux's {@code /proc/<pid>/status} and {@code /proc/<pid>/stat}
 * (zeros where {@code /proc} is not available). CPU time is user + system, in the kernel's clock ticks converted to
 * nanoseconds; the tick rate is 100 Hz on every mainstream Linux build ({@code getconf CLK_TCK}).
 *
 * @param rssKiB  current resident set size ({@code VmRSS})
 * @param peakRssKiB high-water mark of the resident set size ({@code VmHWM})
 * @param cpuNanos user + system CPU time consumed so far
 * @param sysNanos of that, the time spent in the kernel on the process's behalf (system calls: sockets, epoll)
 */
public record ProcStats(long rssKiB, long peakRssKiB, long cpuNanos, long sysNanos) {
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100;

    public static ProcStats read(long pid) {
        Path dir = Path.of("/proc", Long.toString(pid));
        try {
            long rss = 0;
            long hwm = 0;
            for (String line : Files.readAllLines(dir.resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kib(line);
                }
            }
            String stat = Files.readString(dir.resolve("stat"));
            // fields after the command name, which is in parentheses and may itself contain spaces
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long user = Long.parseLong(fields[11]); // utime (field 14)
            long sys = Long.parseLong(fields[12]); // stime (field 15)
            return new ProcStats(rss, hwm, (user + sys) * NANOS_PER_TICK, sys * NANOS_PER_TICK);
        } catch (IOException | RuntimeException e) {
            return new ProcStats(0, 0, 0, 0);
        }
    }

    /**
     * The sum over a process and all its descendants (nginx's master and workers): CPU time of the whole tree, and
     * the sum of the resident sets, which counts pages the processes share (code, shared memory) once per process.
     */
    public static ProcStats readTree(ProcessHandle root) {
        ProcStats sum = read(root.pid());
        for (ProcessHandle child : (Iterable<ProcessHandle>) root.descendants()::iterator) {
            sum = sum.plus(read(child.pid()));
        }
        return sum;
    }

    public ProcStats plus(ProcStats other) {
        return new ProcStats(rssKiB + other.rssKiB, peakRssKiB + other.peakRssKiB, cpuNanos + other.cpuNanos,
                sysNanos + other.sysNanos);
    }

    private static long kib(String line) {
        String digits = line.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }
}
