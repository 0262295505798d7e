package se.samla.insights;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.catalog.CaseType;
import se.samla.catalog.CaseTypeDefinition;
import se.samla.catalog.Catalog;
import se.samla.identity.SignedInUser;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;
import se.samla.tenancy.Tenants;

/**
 * The municipality's key figures for Kolada, per year, in Kolada's own terms: the key figure's id, the municipality's
 * kommunkod, the year, the gender group (T: everyone, since cases are not counted by gender) and the value. Which
 * figures a case type gives is in its configuration (`kolada:`); they count the whole municipality's cases of the type.
 */
@Service
class KeyFigures {

    /** One value as Kolada takes it. */
    record Value(String kpi, String municipality, int year, String gender, double value) {}

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final Tenants tenants;
    private final Insights insights;

    KeyFigures(JdbcClient jdbc, Catalog catalog, Tenants tenants, Insights insights) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.tenants = tenants;
        this.insights = insights;
    }

    /**
     * The years' values, for a manager (refused, 403, for anyone else); a secret case type's only when their clearance
     * reaches it. Nothing when the municipality has no kommunkod configured.
     */
    @Transactional(readOnly = true)
    List<Value> values(SignedInUser.Staff staff, int fromYear, int toYear) {
        insights.managedUnits(staff);
        String municipality = tenants.current().municipalityCode();
        List<Value> values = new ArrayList<>();
        if (municipality == null) {
            return values;
        }
        for (CaseType type : catalog.current(CurrentTenant.require())) {
            CaseTypeDefinition d = type.definition();
            if (d.kolada().isEmpty()
                    || !staff.clearance().reaches(d.confidentiality().level())) {
                continue;
            }
            for (int year = fromYear; year <= toYear; year++) {
                for (CaseTypeDefinition.Kpi kpi : d.kolada()) {
                    Double value = value(type.code(), kpi.measure(), year);
                    if (value != null) {
                        values.add(new Value(kpi.kpi(), municipality, year, "T", value));
                    }
                }
            }
        }
        return values;
    }

    /** The measure of the case type's cases in the year, or null when there is nothing to measure. */
    private Double value(String caseType, CaseTypeDefinition.Kpi.Measure measure, int year) {
        Timestamp start = Timestamp.from(
                LocalDate.of(year, 1, 1).atStartOfDay(SwedishTime.ZONE).toInstant());
        Timestamp end = Timestamp.from(
                LocalDate.of(year + 1, 1, 1).atStartOfDay(SwedishTime.ZONE).toInstant());
        String sql = switch (measure) {
            case RECEIVED ->
                "SELECT count(*)::float8 FROM insights.case_fact WHERE tenant_id = :tenant AND case_type = :type"
                        + " AND submitted_at >= :start AND submitted_at < :end";
            case DECIDED ->
                "SELECT count(*)::float8 FROM insights.case_fact WHERE tenant_id = :tenant AND case_type = :type"
                        + " AND decided_at >= :start AND decided_at < :end";
            case MEDIAN_LEAD_TIME_DAYS ->
                "SELECT percentile_cont(0.5) WITHIN GROUP"
                        + " (ORDER BY extract(epoch FROM decided_at - submitted_at)) / 86400 FROM insights.case_fact"
                        + " WHERE tenant_id = :tenant AND case_type = :type AND decided_at >= :start AND decided_at < :end";
            case MEAN_LEAD_TIME_DAYS ->
                "SELECT avg(extract(epoch FROM decided_at - submitted_at))::float8 / 86400"
                        + " FROM insights.case_fact WHERE tenant_id = :tenant AND case_type = :type AND decided_at >= :start AND decided_at < :end";
            case PERCENT_DECIDED_WITHIN_NORM ->
                "SELECT 100.0 * count(*) FILTER (WHERE (decided_at AT TIME ZONE"
                        + " 'Europe/Stockholm')::date <= planned_decision_on) / nullif(count(*), 0) FROM insights.case_fact"
                        + " WHERE tenant_id = :tenant AND case_type = :type AND decided_at >= :start AND decided_at < :end";
        };
        Double value = jdbc.sql(sql)
                .param("tenant", CurrentTenant.require().value())
                .param("type", caseType)
                .param("start", start)
                .param("end", end)
                .query(Double.class)
                .optional()
                .orElse(null);
        boolean counted =
                measure == CaseTypeDefinition.Kpi.Measure.RECEIVED || measure == CaseTypeDefinition.Kpi.Measure.DECIDED;
        // a year without a case gives no figure rather than a zero that reads as measured
        return counted && value != null && value == 0 ? null : value;
    }
}
