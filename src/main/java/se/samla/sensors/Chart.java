package se.samla.sensors;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import se.samla.sensors.view.ChartView;
import se.samla.shared.SwedishTime;

/** Draws a series as an SVG line chart with round ticks, in a fixed box the page scales. */
final class Chart {

    static final int WIDTH = 720;
    static final int HEIGHT = 260;
    static final int LEFT = 56;
    static final int RIGHT = 12;
    static final int TOP = 12;
    static final int BOTTOM = 30;

    private Chart() {}

    /**
     * @param thresholds the values the rules watch, drawn as lines when within the chart's range
     * @param summary    what the chart says in words
     */
    static ChartView draw(
            List<Series.Point> points,
            Series.Period period,
            Instant now,
            List<Double> thresholds,
            Locale locale,
            String summary) {
        Instant from = now.minus(period.span);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        if (points.isEmpty()) {
            return new ChartView(
                    WIDTH,
                    HEIGHT,
                    LEFT,
                    TOP,
                    RIGHT,
                    BOTTOM,
                    "",
                    "",
                    List.of(),
                    xTicks(period, from, now, plotWidth),
                    List.of(),
                    summary);
        }
        double low = points.stream().mapToDouble(Series.Point::min).min().orElseThrow();
        double high = points.stream().mapToDouble(Series.Point::max).max().orElseThrow();
        for (double t : thresholds) {
            // a threshold near the values is worth seeing; one far off would flatten the line
            if (t >= low - (high - low) && t <= high + (high - low)) {
                low = Math.min(low, t);
                high = Math.max(high, t);
            }
        }
        if (high - low < 1e-9) {
            low -= 1;
            high += 1;
        }
        double step = niceStep((high - low) / 4);
        double bottom = Math.floor(low / step) * step;
        double top = Math.ceil(high / step) * step;
        double span = (double) Duration.between(from, now).toMillis();
        double yLow = bottom;
        double yHigh = top;
        java.util.function.DoubleUnaryOperator y = v -> TOP + plotHeight - (v - yLow) / (yHigh - yLow) * plotHeight;
        java.util.function.ToDoubleFunction<Instant> x =
                at -> LEFT + Duration.between(from, at).toMillis() / span * plotWidth;
        long gapMillis = period.step.toMillis() * 3;
        StringBuilder line = new StringBuilder();
        StringBuilder band = new StringBuilder();
        List<Series.Point> run = new ArrayList<>();
        Instant previous = null;
        for (Series.Point p : points) {
            if (previous != null && Duration.between(previous, p.at()).toMillis() > gapMillis) {
                segment(run, x, y, line, band);
                run.clear();
            }
            run.add(p);
            previous = p.at();
        }
        segment(run, x, y, line, band);
        List<ChartView.Tick> yTicks = new ArrayList<>();
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step)));
        for (double v = bottom; v <= top + step / 2; v += step) {
            yTicks.add(new ChartView.Tick(String.format(locale, "%." + decimals + "f", v), y.applyAsDouble(v)));
        }
        List<ChartView.Tick> lines = new ArrayList<>();
        for (double t : thresholds) {
            if (t >= bottom && t <= top) {
                lines.add(
                        new ChartView.Tick(String.format(locale, "%." + (decimals + 1) + "f", t), y.applyAsDouble(t)));
            }
        }
        return new ChartView(
                WIDTH,
                HEIGHT,
                LEFT,
                TOP,
                RIGHT,
                BOTTOM,
                line.toString().strip(),
                band.toString().strip(),
                yTicks,
                xTicks(period, from, now, plotWidth),
                lines,
                summary);
    }

    private static void segment(
            List<Series.Point> run,
            java.util.function.ToDoubleFunction<Instant> x,
            java.util.function.DoubleUnaryOperator y,
            StringBuilder line,
            StringBuilder band) {
        if (run.isEmpty()) {
            return;
        }
        for (int i = 0; i < run.size(); i++) {
            var p = run.get(i);
            line.append(i == 0 ? "M" : "L")
                    .append(coordinate(x.applyAsDouble(p.at())))
                    .append(',')
                    .append(coordinate(y.applyAsDouble(p.mean())))
                    .append(' ');
        }
        if (run.size() == 1) {
            // a lone point is a short dash, so it shows
            line.append("h2 ");
        }
        for (int i = 0; i < run.size(); i++) {
            var p = run.get(i);
            band.append(i == 0 ? "M" : "L")
                    .append(coordinate(x.applyAsDouble(p.at())))
                    .append(',')
                    .append(coordinate(y.applyAsDouble(p.max())))
                    .append(' ');
        }
        for (int i = run.size() - 1; i >= 0; i--) {
            var p = run.get(i);
            band.append('L')
                    .append(coordinate(x.applyAsDouble(p.at())))
                    .append(',')
                    .append(coordinate(y.applyAsDouble(p.min())))
                    .append(' ');
        }
        band.append("Z ");
    }

    /** Ticks at round moments: every 3 hours of a day, every day of a week, the first of each month of a year. */
    private static List<ChartView.Tick> xTicks(Series.Period period, Instant from, Instant now, double plotWidth) {
        double span = (double) Duration.between(from, now).toMillis();
        ZonedDateTime start = from.atZone(SwedishTime.ZONE);
        ZonedDateTime tick;
        DateTimeFormatter label;
        java.util.function.UnaryOperator<ZonedDateTime> next;
        switch (period) {
            case DAY -> {
                tick = start.truncatedTo(ChronoUnit.HOURS)
                        .withHour(start.getHour() / 3 * 3)
                        .plusHours(3);
                label = DateTimeFormatter.ofPattern("HH:mm");
                next = t -> t.plusHours(3);
            }
            case WEEK -> {
                tick = start.truncatedTo(ChronoUnit.DAYS).plusDays(1);
                label = DateTimeFormatter.ofPattern("d/M");
                next = t -> t.plusDays(1);
            }
            default -> {
                tick = start.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).plusMonths(1);
                label = DateTimeFormatter.ofPattern("MMM", Locale.forLanguageTag("sv"));
                next = t -> t.plusMonths(1);
            }
        }
        List<ChartView.Tick> ticks = new ArrayList<>();
        while (!tick.toInstant().isAfter(now)) {
            ticks.add(new ChartView.Tick(
                    label.format(tick),
                    LEFT + Duration.between(from, tick.toInstant()).toMillis() / span * plotWidth));
            tick = next.apply(tick);
        }
        return ticks;
    }

    /** 1, 2 or 5 times a power of ten, at least the rough step. */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double f = rough / power;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
    }

    private static String coordinate(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
