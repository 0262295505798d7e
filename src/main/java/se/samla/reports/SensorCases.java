package se.samla.reports;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
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
import se.samla.cases.CaseHandling;
import se.samla.cases.CaseIntake;
import se.samla.cases.CaseSubmitted;
import se.samla.cases.SubmissionOwner;
import se.samla.sensors.SensorEvents;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/**
 * A sensor's firing rule becomes a problem report of the rule's category at the device's place, in the unit that owns
 * the device, through the one intake like any report. At most one open case per device and rule: a rule that fires
 * again while its case is open adds to that case's history. Residents' open reports of the same category near the
 * device are linked to it, as are those sent while it is open. When the rule clears, the case moves to the status its
 * case type names for staff to confirm, or closes by itself with the result it names, and the followers of the linked
 * reports are told.
 */
@Component
class SensorCases {

    private static final Logger log = LoggerFactory.getLogger(SensorCases.class);
    private static final Locale SWEDISH = Locale.forLanguageTag("sv");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** A linked report as staff see it from the other side. */
    record Link(UUID caseId, String publicId, boolean sensor, int metres) {}

    private final ReportService reports;
    private final ReportStore store;
    private final CaseHandling handling;
    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final Clock clock;

    SensorCases(
            ReportService reports,
            ReportStore store,
            CaseHandling handling,
            JdbcClient jdbc,
            MessageSource messages,
            Clock clock) {
        this.reports = reports;
        this.store = store;
        this.handling = handling;
        this.jdbc = jdbc;
        this.messages = messages;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(SensorEvents.RuleFired e) {
        String reading = e.value() == null
                ? t("reports.sensor.silent")
                : t("reports.sensor.reading", String.format(SWEDISH, "%.2f", e.value()), e.valueUnit());
        String when = when(e.at());
        Optional<UUID> open = openCase(e.device(), e.rule());
        if (open.isPresent()) {
            firedAgain(open.get(), e, reading, when);
            return;
        }
        if (reports.category(e.category()).isEmpty()) {
            log.warn("Rule {} of {} names no report category {}: no case opened", e.rule(), e.device(), e.category());
            return;
        }
        // the same firing handled twice (a redelivered event) is the same submission, so one case
        UUID submission = UUID.nameUUIDFromBytes(
                ("sensor:" + e.device() + ":" + e.rule() + ":" + e.at()).getBytes(StandardCharsets.UTF_8));
        String owner = "sensor:" + e.device();
        var submitted = reports.submit(new ReportService.NewReport(
                e.category(),
                new Position(e.latitude(), e.longitude()),
                e.deviceName(),
                Map.of(
                        "description",
                        List.of(t("reports.sensor.description", e.ruleName(), e.deviceName(), reading, when))),
                new CaseIntake.Submission(submission, SubmissionOwner.apiClient(owner), owner),
                new CaseIntake.Reporter(null, e.deviceName(), null, owner),
                CaseIntake.Channel.SENSOR,
                e.unit(),
                e.published()));
        if (!submitted.created()) {
            return;
        }
        Report sensorCase = submitted.report();
        jdbc.sql("""
                INSERT INTO reports.sensor_case (tenant_id, device, rule, case_id, fired_at, last_fired_at, link_metres)
                VALUES (:t, :d, :r, :c, :at, :at, :m)
                """)
                .param("t", e.tenantId().value())
                .param("d", e.device())
                .param("r", e.rule())
                .param("c", sensorCase.caseId())
                .param("at", Timestamp.from(e.at()))
                .param("m", e.linkMetres())
                .update();
        for (var nearby :
                store.nearby(sensorCase.grid(), e.linkMetres(), e.category(), sensorCase.caseId(), 50, false)) {
            if (!isSensorCase(nearby.report().caseId())) {
                link(sensorCase, e.deviceName(), nearby.report(), nearby.metres());
            }
        }
    }

    /** A resident's report sent while a sensor case of its category is open nearby belongs with that case. */
    @ApplicationModuleListener
    void on(CaseSubmitted e) {
        var report = store.byCase(e.caseId());
        if (report.isEmpty() || isSensorCase(e.caseId())) {
            return;
        }
        Report r = report.get();
        for (var open : jdbc.sql("""
                        SELECT s.case_id, s.device, s.link_metres FROM reports.sensor_case s
                        JOIN reports.report c ON c.tenant_id = s.tenant_id AND c.case_id = s.case_id
                        WHERE s.tenant_id = :tenant AND NOT c.closed AND s.cleared_at IS NULL AND c.category = :cat
                        """)
                .param("tenant", CurrentTenant.require().value())
                .param("cat", r.category())
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3)})
                .list()) {
            Report sensorCase = store.byCase((UUID) open[0]).orElseThrow();
            double metres = Math.hypot(
                    sensorCase.grid().northing() - r.grid().northing(),
                    sensorCase.grid().easting() - r.grid().easting());
            if (metres <= (int) open[2]) {
                link(sensorCase, sensorCase.address(), r, metres);
            }
        }
    }

    /**
     * The rule fired again while its case is open: written in its history, and a case that waited for staff to confirm
     * it back to normal is in progress again. A firing handled before (a redelivered event) changes nothing.
     */
    private void firedAgain(UUID caseId, SensorEvents.RuleFired e, String reading, String when) {
        int newer = jdbc.sql("""
                        UPDATE reports.sensor_case SET last_fired_at = :at, cleared_at = NULL
                        WHERE tenant_id = :tenant AND (case_id = :c AND (last_fired_at IS NULL OR last_fired_at < :at))
                        """)
                .param("tenant", CurrentTenant.require().value())
                .param("at", Timestamp.from(e.at()))
                .param("c", caseId)
                .update();
        if (newer == 0) {
            return;
        }
        history(caseId, t("reports.sensor.again", e.deviceName(), reading, when));
        Report sensorCase = store.byCase(caseId).orElseThrow();
        var type = reports.category(sensorCase.category()).map(c -> c.definition());
        var cleared = type.map(d -> d.report().sensorCleared()).orElse(null);
        if (cleared != null && sensorCase.status().equals(cleared.status())) {
            type.flatMap(d -> d.status(cleared.status()))
                    .flatMap(normal -> normal.next().stream()
                            .filter(code -> type.get()
                                    .status(code)
                                    .filter(s -> !s.isFinal())
                                    .isPresent())
                            .findFirst())
                    .filter(next -> mayMoveTo(sensorCase, next))
                    .ifPresent(next -> handling.moveOn(caseId, next, "sensor:" + e.device(), e.deviceName()));
        }
    }

    @ApplicationModuleListener
    void on(SensorEvents.RuleCleared e) {
        openCase(e.device(), e.rule()).ifPresent(caseId -> {
            // once per firing: a clearing handled before, or older than the last firing, changes nothing
            int first = jdbc.sql("""
                            UPDATE reports.sensor_case SET cleared_at = :at
                            WHERE tenant_id = :tenant AND (case_id = :c AND cleared_at IS NULL AND (last_fired_at IS NULL OR last_fired_at < :at))
                            """)
                    .param("tenant", CurrentTenant.require().value())
                    .param("at", Timestamp.from(e.at()))
                    .param("c", caseId)
                    .update();
            if (first == 0) {
                return;
            }
            Report sensorCase = store.byCase(caseId).orElseThrow();
            String when = when(e.at());
            history(caseId, t("reports.sensor.cleared", when));
            var cleared = reports.category(sensorCase.category())
                    .map(type -> type.definition().report().sensorCleared())
                    .orElse(null);
            String actor = "sensor:" + e.device();
            String actorName = sensorCase.address();
            if (cleared != null && cleared.status() != null && mayMoveTo(sensorCase, cleared.status())) {
                handling.moveOn(caseId, cleared.status(), actor, actorName);
            } else if (cleared != null && cleared.result() != null) {
                handling.closeWith(caseId, cleared.result(), actor, actorName);
            }
            if (sensorCase.listed()) {
                for (Link linked : links(caseId)) {
                    store.byCase(linked.caseId())
                            .filter(r -> !r.closed())
                            .ifPresent(r -> reports.addText(r, t("reports.sensor.linked.normal", actorName, when)));
                }
            }
        });
    }

    /** The reports linked to the case: residents' reports of a sensor case, or the sensor case of a resident's. */
    List<Link> links(UUID caseId) {
        return jdbc.sql("""
                        SELECT l.sensor_case_id = :c AS from_sensor,
                               CASE WHEN l.sensor_case_id = :c THEN l.report_case_id ELSE l.sensor_case_id END AS other,
                               r.public_id, l.metres
                        FROM reports.sensor_link l
                        JOIN reports.report r
                          ON r.tenant_id = l.tenant_id
                          AND r.case_id = CASE WHEN l.sensor_case_id = :c THEN l.report_case_id ELSE l.sensor_case_id END
                        WHERE l.tenant_id = :tenant AND (l.sensor_case_id = :c OR l.report_case_id = :c)
                        ORDER BY l.linked_at, r.public_id
                        """)
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .query((rs, n) -> new Link(
                        rs.getObject("other", UUID.class),
                        rs.getString("public_id"),
                        !rs.getBoolean("from_sensor"),
                        rs.getInt("metres")))
                .list();
    }

    /**
     * The case of the device's rule for a link from the device's page: the open one, or else the latest; only a listed
     * one for the public.
     */
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    Optional<Report> latestCase(String device, String rule, boolean listedOnly) {
        return jdbc.sql("""
                        SELECT s.case_id FROM reports.sensor_case s JOIN reports.report r ON r.tenant_id = s.tenant_id AND r.case_id = s.case_id
                        WHERE s.tenant_id = :tenant AND (s.device = :d AND s.rule = :r AND (r.listed OR NOT :listedOnly))
                        ORDER BY r.closed, s.fired_at DESC LIMIT 1
                        """)
                .param("tenant", CurrentTenant.require().value())
                .param("d", device)
                .param("r", rule)
                .param("listedOnly", listedOnly)
                .query(UUID.class)
                .optional()
                .flatMap(store::byCase);
    }

    /** The device whose rule opened the case, if a sensor opened it. */
    Optional<String> device(UUID caseId) {
        return jdbc.sql("SELECT device FROM reports.sensor_case WHERE tenant_id = :tenant AND case_id = :c")
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .query(String.class)
                .optional();
    }

    private void link(Report sensorCase, String deviceName, Report resident, double metres) {
        int linked = jdbc.sql("""
                        INSERT INTO reports.sensor_link (tenant_id, sensor_case_id, report_case_id, metres, linked_at)
                        VALUES (:t, :s, :r, :m, :at) ON CONFLICT DO NOTHING
                        """)
                .param("t", CurrentTenant.require().value())
                .param("s", sensorCase.caseId())
                .param("r", resident.caseId())
                .param("m", (int) Math.round(metres))
                .param("at", Timestamp.from(clock.instant()))
                .update();
        if (linked == 1) {
            history(sensorCase.caseId(), t("reports.sensor.linked.sensor", resident.publicId(), Math.round(metres)));
            // a device the municipality does not publish (a bin) is not named to the public
            if (sensorCase.listed()) {
                reports.addText(resident, t("reports.sensor.linked.resident", deviceName));
            }
        }
    }

    private boolean mayMoveTo(Report sensorCase, String status) {
        return !sensorCase.closed()
                && reports.category(sensorCase.category())
                        .map(type -> type.definition().allowsTransition(sensorCase.status(), status))
                        .orElse(false);
    }

    private boolean isSensorCase(UUID caseId) {
        return device(caseId).isPresent();
    }

    /** A line in the case's history that its followers are not sent: what the sensor did, for staff and the map. */
    private void history(UUID caseId, String text) {
        store.addUpdate(
                UUID.randomUUID(),
                caseId,
                "TEXT",
                store.byCase(caseId).map(Report::status).orElse(null),
                store.byCase(caseId).map(Report::closed).orElse(false),
                text,
                clock.instant());
    }

    /** The open case of the device's rule, if any. */
    private Optional<UUID> openCase(String device, String rule) {
        return jdbc.sql("""
                        SELECT s.case_id FROM reports.sensor_case s JOIN reports.report r ON r.tenant_id = s.tenant_id AND r.case_id = s.case_id
                        WHERE s.tenant_id = :tenant AND s.device = :d AND s.rule = :r AND NOT r.closed ORDER BY s.fired_at DESC LIMIT 1
                        """)
                .param("tenant", CurrentTenant.require().value())
                .param("d", device)
                .param("r", rule)
                .query(UUID.class)
                .optional();
    }

    private String t(String key, Object... args) {
        return messages.getMessage(key, args, SWEDISH);
    }

    private static String when(Instant at) {
        return WHEN.format(at.atZone(SwedishTime.ZONE));
    }
}
