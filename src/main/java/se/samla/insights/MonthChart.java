package se.samla.insights;

import java.util.ArrayList;
import java.util.List;
import se.samla.insights.view.InsightsView;

/**
 * Draws a case type's months as an SVG bar chart: cases received and decided side by side per month, on a scale
 * with round steps. The table beside it holds the same figures for whoever cannot see the chart.
 */
final class MonthChart {

    static final int WIDTH = 720;
    static final int HEIGHT = 220;
    static final int LEFT = 44;
    static final int BOTTOM = 28;
    static final int TOP = 10;

    private MonthChart() {}

    static InsightsView.Chart draw(List<InsightsView.Month> months) {
        long highest = months.stream()
                .mapToLong(m -> Math.max(m.inflow(), m.decided()))
                .max()
                .orElse(0);
        long step = step(highest);
        long top = Math.max(step, ((highest + step - 1) / step) * step);
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double slot = (WIDTH - LEFT) / (double) Math.max(1, months.size());
        double bar = Math.max(2, Math.min(24, slot / 3));
        List<InsightsView.Bar> bars = new ArrayList<>();
        List<InsightsView.Tick> xTicks = new ArrayList<>();
        for (int i = 0; i < months.size(); i++) {
            var m = months.get(i);
            double x = LEFT + i * slot + (slot - 2 * bar) / 2;
            bars.add(bar(x, bar, m.inflow(), top, plotHeight, "inflow"));
            bars.add(bar(x + bar, bar, m.decided(), top, plotHeight, "decided"));
            // every month's name when there is room, else every third
            if (months.size() <= 12 || i % 3 == 0) {
                xTicks.add(new InsightsView.Tick(round(LEFT + i * slot + slot / 2), m.month()));
            }
        }
        List<InsightsView.Tick> yTicks = new ArrayList<>();
        for (long v = 0; v <= top; v += step) {
            yTicks.add(new InsightsView.Tick(round(TOP + plotHeight - plotHeight * v / top), Long.toString(v)));
        }
        return new InsightsView.Chart(WIDTH, HEIGHT, LEFT, TOP, BOTTOM, bars, xTicks, yTicks);
    }

    private static InsightsView.Bar bar(double x, double width, long value, long top, double plotHeight, String kind) {
        double height = plotHeight * value / top;
        return new InsightsView.Bar(
                round(x), round(TOP + plotHeight - height), round(width), round(height), kind, value);
    }

    /** 1, 2 or 5 times a power of ten, giving at most five steps up to the highest value. */
    static long step(long highest) {
        long step = 1;
        while (true) {
            for (long factor : new long[] {1, 2, 5}) {
                if (highest <= 5 * step * factor) {
                    return step * factor;
                }
            }
            step *= 10;
        }
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
