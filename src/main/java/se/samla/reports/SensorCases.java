package se.samla.reports;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import se.samla.cases.CaseIntake;
import se.samla.cases.SubmissionOwner;
import se.samla.sensors.SensorEvents;
import se.samla.shared.SwedishTime;

/**
 * A sensor's firing rule becomes a problem report of the rule's category at the device's place, in the unit that owns
 * that place, through the one intake like any report. At most one open case per device and rule: a rule that fires
 * again while its case is open adds to that case's history, and its clearing is written there too, for staff to
 * confirm.
 */
@Component
class SensorCases {

    private static final Logger log = LoggerFactory.getLogger(SensorCases.class);
    private static final Locale SWEDISH = Locale.forLanguageTag("sv");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ReportService reports;
    private final ReportStore store;
    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final Clock clock;

    SensorCases(ReportService reports, ReportStore store, JdbcClient jdbc, MessageSource messages, Clock clock) {
        this.reports = reports;
        this.store = store;
        this.jdbc = jdbc;
        this.messages = messages;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(SensorEvents.RuleFired e) {
        String reading = e.value() == null
                ? messages.getMessage("reports.sensor.silent", null, SWEDISH)
                : messages.getMessage(
                        "reports.sensor.reading",
                        new Object[] {String.format(SWEDISH, "%.2f", e.value()), e.valueUnit()},
                        SWEDISH);
        String when = WHEN.format(e.at().atZone(SwedishTime.ZONE));
        Optional<UUID> open = openCase(e.device(), e.rule());
        if (open.isPresent()) {
            store.addUpdate(
                    UUID.randomUUID(),
                    open.get(),
                    "TEXT",
                    store.byCase(open.get()).map(Report::status).orElse(null),
                    false,
                    messages.getMessage("reports.sensor.again", new Object[] {e.deviceName(), reading, when}, SWEDISH),
                    clock.instant());
            return;
        }
        if (reports.category(e.category()).isEmpty()) {
            log.warn("Rule {} of {} names no report category {}: no case opened", e.rule(), e.device(), e.category());
            return;
        }
        // the same firing handled twice (a redelivered event) is the same submission, so one case
        UUID submission = UUID.nameUUIDFromBytes(
                ("sensor:" + e.device() + ":" + e.rule() + ":" + e.at()).getBytes(StandardCharsets.UTF_8));
        String description = messages.getMessage(
                "reports.sensor.description", new Object[] {e.ruleName(), e.deviceName(), reading, when}, SWEDISH);
        var submitted = reports.submit(new ReportService.NewReport(
                e.category(),
                new Position(e.latitude(), e.longitude()),
                e.deviceName(),
                Map.of("description", List.of(description)),
                new CaseIntake.Submission(
                        submission, SubmissionOwner.apiClient("sensor:" + e.device()), "sensor:" + e.device()),
                new CaseIntake.Reporter(null, e.deviceName(), null, "sensor:" + e.device()),
                CaseIntake.Channel.API));
        if (submitted.created()) {
            jdbc.sql("""
                    INSERT INTO reports.sensor_case (tenant_id, device, rule, case_id, fired_at)
                    VALUES (:t, :d, :r, :c, :at)
                    """)
                    .param("t", e.tenantId().value())
                    .param("d", e.device())
                    .param("r", e.rule())
                    .param("c", submitted.report().caseId())
                    .param("at", Timestamp.from(e.at()))
                    .update();
        }
    }

    @ApplicationModuleListener
    void on(SensorEvents.RuleCleared e) {
        openCase(e.device(), e.rule()).ifPresent(caseId -> {
            store.addUpdate(
                    UUID.randomUUID(),
                    caseId,
                    "TEXT",
                    store.byCase(caseId).map(Report::status).orElse(null),
                    false,
                    messages.getMessage(
                            "reports.sensor.cleared",
                            new Object[] {WHEN.format(e.at().atZone(SwedishTime.ZONE))},
                            SWEDISH),
                    clock.instant());
            jdbc.sql("UPDATE reports.sensor_case SET cleared_at = :at WHERE case_id = :c")
                    .param("at", Timestamp.from(e.at()))
                    .param("c", caseId)
                    .update();
        });
    }

    /** The device's and rule's case that is still open, if any. */
    private Optional<UUID> openCase(String device, String rule) {
        return jdbc
                .sql("SELECT case_id FROM reports.sensor_case WHERE device = :d AND rule = :r ORDER BY fired_at DESC")
                .param("d", device)
                .param("r", rule)
                .query(UUID.class)
                .list()
                .stream()
                .filter(c -> store.byCase(c).map(r -> !r.closed()).orElse(false))
                .findFirst();
    }
}
