package dev.tollgate.bench.report;

import java.util.List;
import java.util.Locale;

/**
 * A self-contained SVG latency-percentile plot in HdrHistogram's usual shape: x is the percentile on a
 * "number of nines" scale (0, 90, 99, 99.9, 99.99, 99.999 equally spaced), y the latency in milliseconds on a log
 * scale so the median and the far tail are both readable. One line per target.
 */
public final class LatencyPlot {
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    /** Up to this many series get a three-line legend entry; more (peers, TLS, a sweep) get one line each. */
    private static final int FULL_LEGEND = 8;
    private static final int WIDTH = 860;
    private static final int HEIGHT = 500;
    private static final int LEFT = 70;
    private static final int RIGHT = 200;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final double NINES = 5; // up to 99.999
    private static final int POINTS = 250;

    private LatencyPlot() {
    }

    public static String svg(String title, List<Measurement> series) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Measurement m : series) {
            if (m.latency().getTotalCount() > 0) {
                min = Math.min(min, Math.max(m.latency().getMinValue(), 1_000) / 1e6);
                max = Math.max(max, m.latency().getMaxValue() / 1e6);
            }
        }
        if (max == 0) {
            min = 0.01;
            max = 1;
        }
        double lo = Math.floor(Math.log10(min));
        double hi = Math.ceil(Math.log10(max));
        if (hi <= lo) {
            hi = lo + 1;
        }
        StringBuilder svg = new StringBuilder(32 * 1024);
        int height = Math.max(HEIGHT, TOP + 14 + series.size() * legendStep(series.size()) + 10);
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH, height, WIDTH, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", LEFT, escape(title)));
        grid(svg, lo, hi);
        for (int i = 0; i < series.size(); i++) {
            line(svg, series.get(i), COLORS[i % COLORS.length], lo, hi, i, series.size());
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void grid(StringBuilder svg, double lo, double hi) {
        int plotRight = WIDTH - RIGHT;
        int plotBottom = HEIGHT - BOTTOM;
        String[] xLabels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
        for (int n = 0; n <= NINES; n++) {
            double x = x(n);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, TOP, x, plotBottom, x,
                    plotBottom + 18, xLabels[n]));
        }
        for (double decade = lo; decade <= hi; decade++) {
            for (int step : new int[] {1, 2, 5}) {
                double value = step * Math.pow(10, decade);
                double logValue = Math.log10(value);
                if (logValue > hi + 1e-9) {
                    break;
                }
                double y = y(logValue, lo, hi);
                svg.append(String.format(Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>"
                        + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, y, plotRight, y,
                        step == 1 ? "#ccc" : "#eee", LEFT - 6, y + 4, tick(value)));
            }
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                + " stroke=\"#333\"/>%n", LEFT, TOP, plotRight - LEFT, plotBottom - TOP));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">percentile</text>%n",
                (LEFT + plotRight) / 2, HEIGHT - 12));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(16,%d) rotate(-90)\""
                + " text-anchor=\"middle\">latency (ms, log scale)</text>%n", (TOP + plotBottom) / 2));
    }

    private static int legendStep(int series) {
        return series <= FULL_LEGEND ? 48 : 16;
    }

    private static void line(StringBuilder svg, Measurement m, String color, double lo, double hi, int index,
            int count) {
        int legendY = TOP + 14 + index * legendStep(count);
        int legendX = WIDTH - RIGHT + 14;
        // past the palette, the same colours again but dashed
        String dash = index >= COLORS.length ? " stroke-dasharray=\"6,3\"" : "";
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"4\" fill=\"%s\"/>"
                + "<text x=\"%d\" y=\"%d\" font-weight=\"bold\"%s>%s</text>%n", legendX, legendY - 4, color,
                legendX + 20, legendY, count > FULL_LEGEND ? " font-size=\"11\"" : "",
                escape(m.target()) + (count > FULL_LEGEND && m.latency().getTotalCount() > 0
                        ? " p99 " + millis(m.latencyMillis(99)) + " ms" : "")));
        if (m.latency().getTotalCount() == 0 && count > FULL_LEGEND) {
            return;
        }
        if (m.latency().getTotalCount() == 0) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">no data</text>%n", legendX + 20,
                    legendY + 16));
            return;
        }
        if (count <= FULL_LEGEND) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%.0f req/s, p50 %s ms"
                    + "</text><text x=\"%d\" y=\"%d\" font-size=\"11\">p99 %s, max %s ms</text>%n", legendX + 20,
                    legendY + 15, m.throughput(), millis(m.latencyMillis(50)), legendX + 20, legendY + 29,
                    millis(m.latencyMillis(99)), millis(m.maxMillis())));
        }
        StringBuilder points = new StringBuilder();
        for (int i = 0; i <= POINTS; i++) {
            double nines = NINES * i / POINTS;
            double percentile = i == POINTS ? 100 : 100 * (1 - Math.pow(10, -nines));
            double value = Math.max(m.latency().getValueAtPercentile(percentile), 1_000) / 1e6;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(nines), y(Math.log10(value), lo, hi)));
        }
        svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s"
                + " points=\"%s\"/>%n", color, dash, points.toString().trim()));
    }

    private static double x(double nines) {
        return LEFT + (WIDTH - RIGHT - LEFT) * nines / NINES;
    }

    private static double y(double logValue, double lo, double hi) {
        int plotBottom = HEIGHT - BOTTOM;
        return plotBottom - (plotBottom - TOP) * (logValue - lo) / (hi - lo);
    }

    /** Axis labels: 0.05, 0.2, 1, 20 (no trailing zeros). */
    private static String tick(double value) {
        return java.math.BigDecimal.valueOf(value).round(new java.math.MathContext(1)).stripTrailingZeros()
                .toPlainString();
    }

    private static String millis(double value) {
        return value >= 10 ? String.format(Locale.ROOT, "%.0f", value)
                : value >= 1 ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%.3g", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
