package dev.tollgate.auth.cache;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real {@code redis-server} on a free loopback port, started by the test (never a system service), without
 * persistence, that the test can kill, restart on the same port, or freeze (SIGSTOP) to play an outage or a
 * slow Redis. {@link #assumeInstalled()} skips a test, saying why, where the Debian package is missing.
 */
final class RedisServer implements AutoCloseable {
    private static final String BINARY = findBinary();

    private final int port;
    private Process process;

    RedisServer() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
    }

    static void assumeInstalled() {
        assumeTrue(BINARY != null, "redis-server is not installed (apt-get install redis-server; .ci/run does it):"
                + " the token cache tests against a real Redis are skipped");
    }

    private static String findBinary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "redis-server");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        for (String p : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    int port() {
        return port;
    }

    String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    /** Starts it and waits until it accepts connections. */
    RedisServer start() throws Exception {
        process = new ProcessBuilder(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--protected-mode", "no")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return this;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("redis-server did not start on port " + port);
    }

    /** SIGKILL: the outage, with every stored key gone (no persistence), as a crashed Redis. */
    void kill() throws Exception {
        if (process != null) {
            process.destroyForcibly().waitFor();
            process = null;
        }
    }

    /** SIGSTOP / SIGCONT: a Redis that accepts connections and never answers (slow), then answers again. */
    void freeze(boolean frozen) throws Exception {
        new ProcessBuilder("kill", frozen ? "-STOP" : "-CONT", Long.toString(process.pid())).start().waitFor();
    }

    /** Every key and its value (strings only), read with a client of the test's own. */
    Map<String, byte[]> dump() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        try (StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE)) {
            Map<String, byte[]> out = new LinkedHashMap<>();
            List<byte[]> keys = new ArrayList<>(c.sync().keys("*"));
            for (byte[] k : keys) {
                out.put(new String(k, java.nio.charset.StandardCharsets.ISO_8859_1), c.sync().get(k));
            }
            return out;
        } finally {
            client.shutdown();
        }
    }

    /** {@code SET key value [PX ttl]} from the test's own client (a garbled value, a lock of a dead owner). */
    void set(String key, byte[] value, long pxMillis) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        try (StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE)) {
            if (pxMillis > 0) {
                c.sync().set(key.getBytes(), value, io.lettuce.core.SetArgs.Builder.px(pxMillis));
            } else {
                c.sync().set(key.getBytes(), value);
            }
        } finally {
            client.shutdown();
        }
    }

    /** {@code FLUSHALL}: an empty Redis. */
    void flush() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        try (StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE)) {
            c.sync().flushall();
        } finally {
            client.shutdown();
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            freeze(false);
            kill();
        }
    }
}
