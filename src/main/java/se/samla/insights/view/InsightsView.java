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
        String csvHref) {

    /** @param processLogHref the case type's event log for process mining (XES), for the same months */
    public record CaseType(String name, List<Month> months, String processLogHref) {}

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
