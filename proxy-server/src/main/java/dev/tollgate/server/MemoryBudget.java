package dev.tollgate.server;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Says, once at startup, when the JVM runs with its default heap: a quarter of RAM, which G1 grows into under
 * load (about 340 MB resident at the benchmark's load, against about 120 MB with {@code bin/tollgate}'s budget).
 * A heap option the user gave is their choice and gets no remark.
 */
final class MemoryBudget {
    private static final List<String> HEAP_OPTIONS = List.of("-Xmx", "-XX:MaxHeapSize", "-XX:MaxRAM",
            "-XX:MaxRAMPercentage", "-XX:MaxRAMFraction");

    private MemoryBudget() {
    }

    /** The line to log, or null when the heap was sized on purpose. */
    static String notice(List<String> jvmArguments, long maxHeapBytes) {
        for (String arg : jvmArguments) {
            for (String option : HEAP_OPTIONS) {
                if (arg.startsWith(option)) {
                    return null;
                }
            }
        }
        return "the JVM's heap is not sized (up to " + (maxHeapBytes >> 20) + " MiB): the process grows to about "
                + "340 MB under load; bin/tollgate runs the jar with a 64 MiB budget (about 120 MB resident, same "
                + "throughput; README, \"Memory\")";
    }

    static String notice() {
        return notice(ManagementFactory.getRuntimeMXBean().getInputArguments(), Runtime.getRuntime().maxMemory());
    }
}
