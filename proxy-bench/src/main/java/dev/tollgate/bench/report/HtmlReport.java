package dev.tollgate.bench.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code report.html}: the table, the settings and the latency plots inline, one file a person can open or attach.
 * Also writes each plot as {@code latency-<mode>.svg}.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static void write(BenchReport report, Path dir) throws IOException {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Tollgate load harness</title>")
                .append("<style>body{font-family:sans-serif;margin:2em}pre{background:#f6f6f6;padding:1em}")
                .append("td{padding:0 1em 0 0}</style></head><body>\n<h1>Tollgate load harness</h1>\n");
        for (String mode : report.modes()) {
            String title = "Latency by percentile, " + mode + " model"
                    + ("open".equals(mode) ? " at " + report.settings().getOrDefault("rate", "?") + " req/s" : "")
                    + ", " + report.settings().getOrDefault("connections", "?") + " connections";
            String svg = LatencyPlot.svg(title, report.forMode(mode));
            Files.writeString(dir.resolve("latency-" + mode + ".svg"), svg);
            html.append(svg).append('\n');
        }
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(table, true, StandardCharsets.UTF_8)) {
            TableReport.print(report, out);
        }
        html.append("<h2>Results</h2>\n<pre>")
                .append(LatencyPlot.escape(table.toString(StandardCharsets.UTF_8))).append("</pre>\n");
        section(html, "Environment", report.environment());
        section(html, "Settings", report.settings());
        html.append("</body></html>\n");
        Files.writeString(dir.resolve("report.html"), html);
    }

    private static void section(StringBuilder html, String title, Map<String, String> values) {
        html.append("<h2>").append(title).append("</h2>\n<table>\n");
        for (Map.Entry<String, String> e : values.entrySet()) {
            html.append("<tr><td>").append(LatencyPlot.escape(e.getKey())).append("</td><td>")
                    .append(LatencyPlot.escape(e.getValue())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }
}
