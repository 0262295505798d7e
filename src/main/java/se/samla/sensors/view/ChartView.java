package se.samla.sensors.view;

import java.util.List;

/**
 * A line chart drawn on the server as SVG: the means as a line over the band of least and greatest values, the axes'
 * ticks, and the rules' thresholds. The page gives the same points as a table beside it.
 *
 * @param line      the SVG path of the means; gaps in the readings are gaps in the line
 * @param band      the SVG path of the band between least and greatest values
 * @param summary   the chart in words, for those who do not see it
 */
public record ChartView(
        int width,
        int height,
        int left,
        int top,
        int right,
        int bottom,
        String line,
        String band,
        List<Tick> yTicks,
        List<Tick> xTicks,
        List<Tick> thresholds,
        String summary) {

    /** A labelled position along an axis, in the chart's pixels. */
    public record Tick(String label, double at) {}

    public boolean empty() {
        return line.isEmpty();
    }
}
