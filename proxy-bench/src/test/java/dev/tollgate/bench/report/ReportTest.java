package dev.tollgate.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report files are well-formed and the derived figures are computed as documented. */
class ReportTest {
    private static Measurement measurement(String target, String kind, String mode, long ok, long micros) {
        Histogram latency = new Histogram(60_000_000_000L, 3);
        for (int i = 0; i < ok; i++) {
            latency.recordValue(micros * 1_000);
        }
        return new Measurement(target, kind, mode, "http://127.0.0.1:1/" + target, latency, ok, 1, 0, 0, 0, 0,
                1_000_000_000L, kind.equals("DIRECT") ? -1 : 500_000_000L, kind.equals("DIRECT") ? -1 : 300_000_000L,
                kind.equals("DIRECT") ? -1 : 100 * 1024,
                0, ok, kind.equals("PROXY_CLIENT_CREDENTIALS") ? ok : 0, 2, List.of(ok / 2.0, ok * 1.5),
                kind.equals("DIRECT") ? "" : "proxy", 1024, false);
    }

    private static BenchReport report() {
        List<Measurement> all = List.of(
                measurement("direct", "DIRECT", "closed", 1000, 100),
                measurement("proxy", "PROXY", "closed", 500, 200),
                measurement("proxy-cc", "PROXY_CLIENT_CREDENTIALS", "closed", 490, 210));
        return new BenchReport(Map.of("jdk", "17 <&>"), Map.of("rate", "2000"), all, Ratios.of(all),
                new TokenSummary(4, 0, 16.0, 20.0, 15, 10));
    }

    @Test
    void ratiosCompareProxyToDirectAndClientCredentialsToNoAuth() {
        List<Ratio> ratios = report().ratios();
        Ratio proxyThroughput = ratios.stream().filter(r -> r.label().equals("proxy/direct")
                && r.metric().equals("throughput")).findFirst().orElseThrow();
        Ratio stampingThroughput = ratios.stream().filter(r -> r.label().equals("proxy-cc/proxy")
                && r.metric().equals("throughput")).findFirst().orElseThrow();
        assertEquals(0.5, proxyThroughput.value(), 1e-9);
        assertEquals(0.98, stampingThroughput.value(), 1e-9);
        Ratio medianOfRounds = ratios.stream().filter(r -> r.label().equals("proxy-cc/proxy")
                && r.metric().equals("throughput (median of rounds)")).findFirst().orElseThrow();
        assertEquals(0.98, medianOfRounds.value(), 1e-9);
        Ratio cpu = ratios.stream().filter(r -> r.label().equals("proxy-cc/proxy")
                && r.metric().equals("proxy cpu per request")).findFirst().orElseThrow();
        assertEquals(500.0 / 490, cpu.value(), 1e-9);
        assertTrue(ratios.stream().noneMatch(r -> r.label().equals("proxy/direct")
                && r.metric().equals("proxy cpu per request")), "direct has no proxy cpu");
    }

    @Test
    void tokenRequestsPerLifetimeCountsRefreshPeriodsSinceTheFirstRequest() {
        TokenSummary tokens = new TokenSummary(4, 0, 16.0, 20.0, 15, 10);
        assertEquals(5, tokens.refreshPeriodSeconds());
        assertEquals(4, tokens.expected()); // fetches at 0, 5, 10, 15 s
        assertEquals(1.0, tokens.perLifetime(), 1e-9);
        assertEquals(-1, new TokenSummary(3, 0, 16.0, 20.0, 10, 10).expected(), "lifetime not above the margin");
    }

    @Test
    void throughputSpreadIsMaxMinusMinOverMean() {
        assertEquals(100.0, measurement("direct", "DIRECT", "open", 1000, 100).throughputSpreadPercent(), 1e-9);
    }

    @Test
    void writesWellFormedJsonSvgAndHtml(@TempDir Path dir) throws Exception {
        BenchReport report = report();
        JsonReport.write(report, dir.resolve("results.json"));
        HtmlReport.write(report, dir);
        try (JsonParser parser = new JsonFactory().createParser(dir.resolve("results.json").toFile())) {
            while (parser.nextToken() != null) {
                // reading to the end proves it parses
            }
        }
        String json = Files.readString(dir.resolve("results.json"));
        assertTrue(json.contains("\"token_requests_per_lifetime\" : 1.0"), json);
        assertTrue(json.contains("\"proxy_cpu_s\" : null"), "unknown figures are null: " + json);
        assertTrue(json.contains("\"proxy_cpu_sys_percent\" : 60.0"), json);
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        byte[] svg = Files.readAllBytes(dir.resolve("latency-closed.svg"));
        assertEquals("svg", xml.newDocumentBuilder().parse(new ByteArrayInputStream(svg)).getDocumentElement()
                .getNodeName());
        String html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("<svg"));
        assertTrue(html.contains("17 &lt;&amp;&gt;"), "escaped");
        assertFalse(html.contains("17 <&>"));
    }
}
