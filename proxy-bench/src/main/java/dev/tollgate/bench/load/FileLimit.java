package dev.tollgate.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The harness's own open-file limit, from {@code /proc/self/limits}. The JVM already raises its soft limit to the
 * hard one at start on Linux ({@code -XX:+MaxFDLimit}, the default), so the soft value read here is as high as
 * this process can go; the helper processes inherit it.
 */
final class FileLimit {
    private FileLimit() {
    }

    /** The soft and hard {@code Max open files}, or {@code {-1, -1}} when not known (not Linux). */
    static long[] read() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                    return new long[] {parse(f[0]), parse(f[1])};
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: unknown
        }
        return new long[] {-1, -1};
    }

    private static long parse(String value) {
        return value.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(value);
    }

    /**
     * Refuses, before anything is started, a run that would need more open files than this process may hold:
     * one per idle connection (they are opened to one proxy at a time), two per load connection, and a margin
     * for the JVM's own files and the control connections.
     */
    static void require(int idleConnections, int loadConnections) {
        if (idleConnections == 0) {
            return;
        }
        long need = idleConnections + 2L * loadConnections + 512;
        long[] limit = read();
        if (limit[0] >= 0 && limit[0] < need) {
            throw new IllegalArgumentException("--idle-connections " + idleConnections + " needs about " + need
                    + " open files, but this process may open " + limit[0] + " (ulimit -n; hard limit " + limit[1]
                    + "). Lower --idle-connections, or raise the limit before starting the harness: ulimit -n "
                    + Math.max(need, 65536) + " (above the hard limit only as root, or via"
                    + " /etc/security/limits.conf)");
        }
    }
}
