package se.samla.sensors.view;

import java.util.List;

/**
 * A device's page: what and where it is, its latest values, its rules and whether they alarm, and one measurement over
 * a day, week or year as a chart and as a table.
 *
 * @param staff whether it is the staff's page (every device, links to cases) or the public's (published types only)
 */
public record DeviceView(
        String id,
        String name,
        String type,
        String unit,
        String place,
        String mapLink,
        List<Latest> latest,
        List<Option> measurements,
        List<Option> periods,
        String measurement,
        String period,
        ChartView chart,
        List<Row> table,
        List<RuleState> rules,
        boolean staff) {

    public record Latest(String name, String value, String at) {}

    /** A choice shown as a link, so it works without scripts. */
    public record Option(String label, String href, boolean selected) {}

    public record Row(String at, String mean, String min, String max, int n) {}

    /** @param caseHref where its case is, when it alarms and opened one; null otherwise */
    public record RuleState(String name, String state, boolean alarm, String caseHref) {}
}
