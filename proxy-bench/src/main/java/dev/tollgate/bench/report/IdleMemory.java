package dev.tollgate.bench.report;

/**
 * What idle keep-alive client connections cost a proxy process in memory: its resident set before they were
 * opened and with all of them open (each had one request answered, then sat idle).
 *
 * @param process     the process ({@code proxy}, {@code haproxy}, ...)
 * @param requested   connections asked for ({@code --idle-connections})
 * @param opened      connections that were open and answered when the memory was read
 * @param rssBeforeKiB resident set (of the process tree) before the first was opened
 * @param rssAfterKiB  resident set with {@code opened} connections open
 */
public record IdleMemory(String process, int requested, int opened, long rssBeforeKiB, long rssAfterKiB) {
    /** Resident memory per open idle connection in KiB; NaN with none open. */
    public double kibPerConnection() {
        return opened == 0 ? Double.NaN : (rssAfterKiB - rssBeforeKiB) / (double) opened;
    }
}
