package dev.tollgate.bench.process;

import static java.util.Objects.requireNonNull;

import dev.tollgate.bench.support.Listening;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A helper process the harness started (origin, token endpoint, proxy, a peer proxy). Its standard output and error go to a log file
 * in the output directory, which is also how the harness learns a helper's port (its {@link Listening} line) and
 * what to show when a helper dies. {@link #close} ends the process and its descendants.
 */
public final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;
    private final long startedNanos = System.nanoTime();

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static ChildProcess start(String name, List<String> command, Path log) throws IOException {
        requireNonNull(name, "name");
        requireNonNull(command, "command");
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ChildProcess(name, process, log);
    }

    /** {@code java -cp <this JVM's class path> <mainClass> args...}: a bench helper from the same jar. */
    public static List<String> javaMain(List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Waits for the helper's {@code LISTENING} line and returns its port. */
    public int awaitListening(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log)) {
                int port = Listening.parsePort(line);
                if (port > 0) {
                    return port;
                }
            }
            requireAlive();
            Thread.sleep(20); // polling a file: there is nothing to wait on
        }
        throw new IOException(name + " did not start listening within " + timeout.toSeconds() + "s; see " + log);
    }

    /** @throws IOException with the end of the log if the process has exited */
    public void requireAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IOException(name + " exited with status " + process.exitValue() + "; last lines of " + log
                    + ":\n" + tail(20));
        }
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** CPU time and resident memory of the process and its descendants (one JVM; nginx's master and workers). */
    public ProcStats stats() {
        return ProcStats.readTree(process.toHandle());
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
