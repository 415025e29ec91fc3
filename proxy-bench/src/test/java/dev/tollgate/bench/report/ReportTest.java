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

    private static Measurement peerLike(String target, String kind, String process, int payload, boolean tls,
            long ok) {
        Measurement m = measurement(target, kind, "closed", ok, 100);
        return new Measurement(m.target(), m.kind(), m.mode(), m.url(), m.latency(), m.ok(), m.non2xx(), m.badBody(),
                m.ioErrors(), m.timeouts(), m.unsent(), m.elapsedNanos(), m.proxyCpuNanos(), m.proxySysNanos(),
                process.equals("haproxy") ? 10 * 1024 : m.proxyRssKiB(), m.tokenRequests(), m.originRequests(),
                m.originAuthorized(), m.rounds(), m.roundThroughputs(), process, payload, tls);
    }

    private static double ratio(List<Ratio> ratios, String label, String metric) {
        return ratios.stream().filter(r -> r.label().equals(label) && r.metric().equals(metric)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + label + " " + metric + " in " + ratios)).value();
    }

    @Test
    void peersArePairedLikeWithLikePerBodySizeAndProtocol() {
        List<Measurement> all = List.of(
                peerLike("proxy-1k", "PROXY", "proxy", 1024, false, 800),
                peerLike("proxy-cc-1k", "PROXY_CLIENT_CREDENTIALS", "proxy", 1024, false, 700),
                peerLike("haproxy-1k", "PEER", "haproxy", 1024, false, 1000),
                peerLike("haproxy-cc-1k", "PEER_STATIC_BEARER", "haproxy", 1024, false, 1000),
                peerLike("proxy-tls-1k", "PROXY", "proxy-tls", 1024, true, 400),
                peerLike("haproxy-tls-1k", "PEER", "haproxy", 1024, true, 500),
                peerLike("proxy-1m", "PROXY", "proxy", 1048576, false, 100),
                peerLike("haproxy-1m", "PEER", "haproxy", 1048576, false, 200));
        List<Ratio> ratios = Ratios.of(all);
        assertEquals(0.8, ratio(ratios, "proxy-1k/haproxy-1k", "throughput"), 1e-9);
        assertEquals(0.7, ratio(ratios, "proxy-cc-1k/haproxy-cc-1k", "throughput"), 1e-9);
        assertEquals(1000.0 / 700, ratio(ratios, "proxy-cc-1k/haproxy-cc-1k", "proxy cpu per request"), 1e-9);
        assertEquals(10.0, ratio(ratios, "proxy-1k/haproxy-1k", "rss"), 1e-9);
        assertEquals(0.8, ratio(ratios, "proxy-tls-1k/haproxy-tls-1k", "throughput"), 1e-9);
        assertEquals(0.5, ratio(ratios, "proxy-tls-1k/proxy-1k", "throughput"), 1e-9);
        assertEquals(0.5, ratio(ratios, "proxy-1m/haproxy-1m", "throughput"), 1e-9);
        assertTrue(ratios.stream().noneMatch(r -> r.label().equals("proxy-1k/haproxy-1m")), "sizes never mixed");
        assertTrue(ratios.stream().noneMatch(r -> r.label().equals("proxy-tls-1k/haproxy-1k")), "nor protocols");
        assertEquals(100.0, all.get(6).mebibytesPerSecond(), 1e-9); // 100 req/s of 1 MiB
    }

    @Test
    void idleMemoryAndNotesReachTheJsonAndTheTable(@TempDir Path dir) throws Exception {
        BenchReport base = report();
        BenchReport report = new BenchReport(base.environment(), base.settings(), base.measurements(),
                base.ratios(), new TokenSummary(6, 0, 16.0, 20.0, 15, 10, List.of(0.0, 6.0),
                Map.of("bench", 4L, "bench-set-1", 2L)),
                List.of(new IdleMemory("haproxy", 1000, 1000, 10 * 1024, 12 * 1024)),
                List.of("peer nginx: not installed"));
        assertEquals(4 + 3, report.tokens().expected(), "a holder that started 6 s later is expected 3 times");
        assertEquals(2.048, report.idle().get(0).kibPerConnection(), 1e-9);
        JsonReport.write(report, dir.resolve("results.json"));
        String json = Files.readString(dir.resolve("results.json"));
        assertTrue(json.contains("\"rss_kib_per_connection\" : 2.048"), json);
        assertTrue(json.contains("\"bench-set-1\" : 2"), json);
        assertTrue(json.contains("\"peer nginx: not installed\""), json);
        java.io.ByteArrayOutputStream table = new java.io.ByteArrayOutputStream();
        TableReport.print(report, new java.io.PrintStream(table, true, StandardCharsets.UTF_8));
        String text = table.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("2.05 KiB per connection"), text);
        assertTrue(text.contains("MiB/s"), text);
        assertTrue(text.contains("2 clients, 2 to 4 each"), text);
    }

    @Test
    void aPlotOfManyTargetsStaysWellFormedAndTallEnoughForItsLegend() throws Exception {
        List<Measurement> many = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add(measurement("t" + i, "PEER", "closed", 10, 100 + i));
        }
        String svg = LatencyPlot.svg("many", many);
        org.w3c.dom.Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        assertTrue(Integer.parseInt(root.getAttribute("height")) >= 40 + 14 + 20 * 16, root.getAttribute("height"));
        assertTrue(svg.contains("stroke-dasharray"), "colours repeat dashed");
        assertTrue(svg.contains(">t19 p99 "), "one-line legend entries");
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
