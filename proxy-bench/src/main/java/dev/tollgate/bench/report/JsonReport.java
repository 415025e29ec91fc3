package dev.tollgate.bench.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@code results.json}: every figure of the table plus the full percentile spectrum, for scripts and CI. */
public final class JsonReport {
    private static final double[] PERCENTILES = {50, 75, 90, 95, 99, 99.9, 99.99, 100};

    private JsonReport() {
    }

    public static void write(BenchReport report, Path file) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JsonGenerator json = new JsonFactory().createGenerator(writer)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            strings(json, "environment", report.environment());
            strings(json, "settings", report.settings());
            json.writeArrayFieldStart("measurements");
            for (Measurement m : report.measurements()) {
                measurement(json, m);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("ratios");
            for (Ratio r : report.ratios()) {
                json.writeStartObject();
                json.writeStringField("mode", r.mode());
                json.writeStringField("metric", r.metric());
                json.writeStringField("numerator", r.numerator());
                json.writeStringField("denominator", r.denominator());
                number(json, "value", r.value());
                json.writeEndObject();
            }
            json.writeEndArray();
            TokenSummary t = report.tokens();
            if (t != null) {
                json.writeObjectFieldStart("tokens");
                json.writeNumberField("token_requests", t.tokenRequests());
                json.writeNumberField("rejected", t.rejected());
                number(json, "span_s", t.spanSeconds());
                number(json, "proxy_uptime_s", t.proxyUptimeSeconds());
                json.writeNumberField("expires_in_s", t.lifetimeSeconds());
                json.writeNumberField("refresh_margin_s", t.refreshMarginSeconds());
                json.writeNumberField("expected_token_requests", t.expected());
                number(json, "token_requests_per_lifetime", t.perLifetime());
                json.writeNumberField("token_holders", t.holders());
                json.writeObjectFieldStart("per_client");
                for (Map.Entry<String, Long> e : t.perClient().entrySet()) {
                    json.writeNumberField(e.getKey(), e.getValue());
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeArrayFieldStart("idle_connections");
            for (IdleMemory idle : report.idle()) {
                json.writeStartObject();
                json.writeStringField("process", idle.process());
                json.writeNumberField("requested", idle.requested());
                json.writeNumberField("opened", idle.opened());
                number(json, "rss_before_mib", idle.rssBeforeKiB() / 1024.0);
                number(json, "rss_after_mib", idle.rssAfterKiB() / 1024.0);
                number(json, "rss_kib_per_connection", idle.kibPerConnection());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("notes");
            for (String note : report.notes()) {
                json.writeString(note);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void measurement(JsonGenerator json, Measurement m) throws IOException {
        json.writeStartObject();
        json.writeStringField("target", m.target());
        json.writeStringField("kind", m.kind());
        json.writeStringField("mode", m.mode());
        json.writeStringField("url", m.url());
        json.writeStringField("process", m.process());
        json.writeNumberField("payload_bytes", m.payload());
        json.writeBooleanField("tls", m.tls());
        json.writeNumberField("rounds", m.rounds());
        number(json, "throughput_rps", m.throughput());
        number(json, "throughput_mib_s", m.mebibytesPerSecond());
        json.writeArrayFieldStart("round_throughputs_rps");
        for (double t : m.roundThroughputs()) {
            json.writeNumber(Math.round(t * 10) / 10.0);
        }
        json.writeEndArray();
        json.writeNumberField("ok", m.ok());
        json.writeNumberField("errors", m.errors());
        json.writeObjectFieldStart("error_kinds");
        json.writeNumberField("non_2xx", m.non2xx());
        json.writeNumberField("bad_body", m.badBody());
        json.writeNumberField("io", m.ioErrors());
        json.writeNumberField("timeout", m.timeouts());
        json.writeNumberField("unsent", m.unsent());
        json.writeEndObject();
        number(json, "elapsed_s", m.elapsedNanos() / 1e9);
        json.writeObjectFieldStart("latency_ms");
        for (double p : PERCENTILES) {
            number(json, p == 100 ? "max" : "p" + (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)),
                    p == 100 ? m.maxMillis() : m.latencyMillis(p));
        }
        number(json, "mean", m.latency().getTotalCount() == 0 ? Double.NaN : m.latency().getMean() / 1e6);
        json.writeEndObject();
        number(json, "proxy_cpu_s", m.proxyCpuNanos() < 0 ? Double.NaN : m.proxyCpuNanos() / 1e9);
        number(json, "proxy_cpu_sys_percent", m.proxySysPercent());
        number(json, "proxy_cpu_us_per_request", m.proxyCpuMicrosPerRequest());
        number(json, "proxy_rss_mib", m.proxyRssKiB() < 0 ? Double.NaN : m.proxyRssKiB() / 1024.0);
        json.writeNumberField("token_requests", m.tokenRequests());
        json.writeNumberField("origin_requests", m.originRequests());
        json.writeNumberField("origin_authorized", m.originAuthorized());
        json.writeEndObject();
    }

    private static void strings(JsonGenerator json, String name, Map<String, String> values) throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : values.entrySet()) {
            json.writeStringField(e.getKey(), e.getValue());
        }
        json.writeEndObject();
    }

    /** JSON has no NaN: unknown figures are null. */
    private static void number(JsonGenerator json, String name, double value) throws IOException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, Math.round(value * 1000) / 1000.0);
        }
    }
}
