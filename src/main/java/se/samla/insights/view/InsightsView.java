package se.samla.insights.view;

import java.util.List;

/**
 * A manager's figures: per case type its months (inflow, decisions, lead times, shares decided in time), the backlog
 * now by age, and the channels cases came through. Every figure is text, already formatted.
 */
public record InsightsView(
        String units,
        String from,
        String to,
        List<CaseType> caseTypes,
        List<Backlog> backlog,
        List<String> channelNames,
        List<ChannelMonth> channels,
        String csvHref,
        List<ForecastAccuracy> forecasts) {

    /** How far the decision forecasts made as cases came in were from the decisions, over the last year. */
    public record ForecastAccuracy(String caseType, long decided, String meanErrorDays, String withinAWeek) {}

    /**
     * @param processLogHref the case type's event log for process mining (XES), for the same months
     * @param chart          its months as a bar chart (received and decided), drawn beside the table
     */
    public record CaseType(String name, List<Month> months, String processLogHref, Chart chart) {}

    /** An SVG bar chart in a fixed box the page scales; coordinates in its own units. */
    public record Chart(
            int width,
            int height,
            int left,
            int top,
            int bottom,
            List<Bar> bars,
            List<Tick> xTicks,
            List<Tick> yTicks) {}

    /** @param kind "inflow" or "decided" */
    public record Bar(double x, double y, double width, double height, String kind, long value) {}

    public record Tick(double at, String label) {}

    public record Month(
            String month,
            long inflow,
            long decided,
            String medianDays,
            String p90Days,
            String withinNorm,
            String withinLimit,
            long completionRequests) {}

    public record Backlog(
            String caseType, long open, long upTo7, long upTo30, long upTo90, long over90, long pastNorm) {}

    public record ChannelMonth(String month, List<Long> counts) {}
}
