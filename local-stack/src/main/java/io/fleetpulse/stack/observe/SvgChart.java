package io.fleetpulse.stack.observe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain SVG line chart with stacked panels sharing the time axis (seconds), e.g. throughput over
 * time above latency over time: a slow drift shows at a glance. Each panel scales to its own
 * maximum from zero; NaN points leave a gap. No dependencies: the file opens in any browser.
 */
public final class SvgChart {

    private static final int WIDTH = 900;
    private static final int PANEL_HEIGHT = 220;
    private static final int LEFT = 80;
    private static final int RIGHT = 170;
    private static final int TOP = 40;
    private static final int GAP = 40;
    private static final String[] COLOURS = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"
    };

    private record Panel(String title, String unit, Map<String, double[]> series) {}

    private final String title;
    private final double[] seconds;
    private final List<Panel> panels = new ArrayList<>();

    /**
     * @param seconds the x value of every point, ascending
     */
    public SvgChart(String title, double[] seconds) {
        this.title = title;
        this.seconds = seconds.clone();
    }

    /** Adds a panel below the previous ones; each series must have one value per x. */
    public SvgChart panel(String panelTitle, String unit, Map<String, double[]> series) {
        series.forEach(
                (name, ys) -> {
                    if (ys.length != seconds.length) {
                        throw new IllegalArgumentException(
                                name
                                        + ": "
                                        + ys.length
                                        + " points for "
                                        + seconds.length
                                        + " times");
                    }
                });
        panels.add(new Panel(panelTitle, unit, new LinkedHashMap<>(series)));
        return this;
    }

    public String render() {
        int height = TOP + panels.size() * (PANEL_HEIGHT + GAP) + 20;
        StringBuilder svg = new StringBuilder();
        svg.append(
                        String.format(
                                Locale.ROOT,
                                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
                                        + " height=\"%d\" font-family=\"sans-serif\""
                                        + " font-size=\"12\">%n",
                                WIDTH,
                                height))
                .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
                .append(text(LEFT, 22, escape(title), "font-size=\"15\" font-weight=\"bold\""));
        double xMax = seconds.length == 0 ? 1 : Math.max(1, seconds[seconds.length - 1]);
        int plotWidth = WIDTH - LEFT - RIGHT;
        for (int p = 0; p < panels.size(); p++) {
            Panel panel = panels.get(p);
            int y0 = TOP + p * (PANEL_HEIGHT + GAP) + 16;
            int plotHeight = PANEL_HEIGHT - 30;
            double yMax = niceMax(panel.series().values());
            svg.append(text(LEFT, y0 - 4, escape(panel.title() + " [" + panel.unit() + "]"), ""));
            svg.append(
                    String.format(
                            Locale.ROOT,
                            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                                    + " stroke=\"#999\"/>%n",
                            LEFT,
                            y0,
                            plotWidth,
                            plotHeight));
            for (int t = 0; t <= 4; t++) {
                double v = yMax * t / 4;
                int y = y0 + plotHeight - (int) Math.round(plotHeight * t / 4.0);
                svg.append(text(LEFT - 6, y + 4, format(v), "text-anchor=\"end\""));
            }
            for (int t = 0; t <= 5; t++) {
                double s = xMax * t / 5;
                int x = LEFT + (int) Math.round(plotWidth * t / 5.0);
                svg.append(
                        text(x, y0 + plotHeight + 14, format(s) + " s", "text-anchor=\"middle\""));
            }
            int c = 0;
            for (Map.Entry<String, double[]> s : panel.series().entrySet()) {
                String colour = COLOURS[c % COLOURS.length];
                svg.append(path(s.getValue(), xMax, yMax, y0, plotWidth, plotHeight, colour));
                int ly = y0 + 14 + 16 * c;
                svg.append(
                        String.format(
                                Locale.ROOT,
                                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
                                        + " stroke-width=\"2\"/>%n",
                                WIDTH - RIGHT + 10,
                                ly - 4,
                                WIDTH - RIGHT + 28,
                                ly - 4,
                                colour));
                svg.append(text(WIDTH - RIGHT + 32, ly, escape(s.getKey()), ""));
                c++;
            }
        }
        return svg.append("</svg>\n").toString();
    }

    private String path(
            double[] ys,
            double xMax,
            double yMax,
            int y0,
            int plotWidth,
            int plotHeight,
            String colour) {
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < ys.length; i++) {
            if (!Double.isFinite(ys[i])) {
                pen = false;
                continue;
            }
            double x = LEFT + plotWidth * seconds[i] / xMax;
            double y = y0 + plotHeight - plotHeight * Math.min(ys[i], yMax) / yMax;
            d.append(pen ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            pen = true;
        }
        return String.format(
                "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>%n",
                d.toString().trim(), colour);
    }

    /** The smallest 1, 2 or 5 × 10^k at or above every finite value (1 if there is none). */
    static double niceMax(Iterable<double[]> series) {
        double max = 0;
        for (double[] ys : series) {
            for (double y : ys) {
                if (Double.isFinite(y)) {
                    max = Math.max(max, y);
                }
            }
        }
        if (max <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String text(int x, int y, String content, String attrs) {
        return String.format(
                Locale.ROOT, "<text x=\"%d\" y=\"%d\" %s>%s</text>%n", x, y, attrs, content);
    }

    private static String format(double v) {
        if (v >= 10_000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return v == Math.rint(v)
                ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.2g", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
