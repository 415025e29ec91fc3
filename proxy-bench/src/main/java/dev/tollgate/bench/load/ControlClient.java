package dev.tollgate.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The harness's control-plane HTTP: readiness probes, pre-flight requests and the helpers' counters. Off the
 * measured path, so the JDK client is good enough; JSON counters are read with a regex to keep the harness free of
 * a databinding library.
 */
final class ControlClient {
    /** A response: status (or -1 with the failure message as body when the request failed) and body. */
    record Reply(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** A flat object of counters, {@code "field":{"a":1,"b":2}}; empty when absent. */
        java.util.Map<String, Long> counters(String field) {
            java.util.Map<String, Long> counters = new java.util.TreeMap<>();
            Matcher object = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\\{([^}]*)}").matcher(body);
            if (object.find()) {
                Matcher entry = Pattern.compile("\"([^\"]+)\"\\s*:\\s*(\\d+)").matcher(object.group(1));
                while (entry.find()) {
                    counters.put(entry.group(1), Long.parseLong(entry.group(2)));
                }
            }
            return counters;
        }

        long number(String field) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(-?\\d+)").matcher(body);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }
    }

    private final HttpClient client;

    ControlClient() {
        this(null);
    }

    /** @param tls trusts the bench certificate, for https targets; null for plain HTTP only */
    ControlClient(javax.net.ssl.SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2));
        if (tls != null) {
            builder.sslContext(tls);
        }
        client = builder.build();
    }

    Reply get(String url, Duration timeout) {
        return get(url, timeout, null);
    }

    /** @param authorization an {@code Authorization} value to send, or null */
    Reply get(String url, Duration timeout, String authorization) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Reply(-1, String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-1, "interrupted");
        }
    }

    /** Polls {@code url} until it answers 2xx or {@code timeout} passes; {@code alive} is checked between polls. */
    Reply awaitOk(String url, Duration timeout, Check alive) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Reply last = new Reply(-1, "not polled");
        while (System.nanoTime() < deadline) {
            alive.check();
            last = get(url, Duration.ofSeconds(2));
            if (last.ok()) {
                return last;
            }
            Thread.sleep(50); // readiness polling: the process gives us nothing to wait on
        }
        throw new IOException(url + " not ready within " + timeout.toSeconds() + "s (last: " + last.status() + " "
                + last.body() + ")");
    }

    interface Check {
        void check() throws IOException;
    }
}
