package se.samla.reports;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.cases.CaseEvents;
import se.samla.cases.CaseHandling;
import se.samla.cases.CaseIntake;
import se.samla.catalog.CaseType;
import se.samla.catalog.CaseTypeDefinition;
import se.samla.catalog.Catalog;
import se.samla.catalog.FieldType;
import se.samla.shared.CurrentTenant;
import se.samla.shared.TenantId;

/**
 * Problem reports: opens each as a case owned by the unit of its place, keeps the public side (status,
 * history, published text and photos, support), and tells followers each public update.
 */
@Service
class ReportService {

    /**
     * What a reporter sends: the category's form answers (description, name, e-mail...), place, and photos waiting
     * under the submission id.
     *
     * @param unit   the unit that handles it, or null for the unit of the area it lies in
     * @param listed whether the public sees it (on the map and list, in Open311 and open data)
     */
    record NewReport(
            String category,
            Position position,
            String address,
            Map<String, List<String>> values,
            CaseIntake.Submission submission,
            CaseIntake.Reporter reporter,
            CaseIntake.Channel channel,
            String unit,
            boolean listed) {

        NewReport(
                String category,
                Position position,
                String address,
                Map<String, List<String>> values,
                CaseIntake.Submission submission,
                CaseIntake.Reporter reporter,
                CaseIntake.Channel channel) {
            this(category, position, address, values, submission, reporter, channel, null, true);
        }
    }

    record Submitted(Report report, boolean created) {}

    private final ReportStore store;
    private final CaseIntake intake;
    private final CaseHandling handling;
    private final Catalog catalog;
    private final Areas areas;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ReportService(
            ReportStore store,
            CaseIntake intake,
            CaseHandling handling,
            Catalog catalog,
            Areas areas,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.store = store;
        this.intake = intake;
        this.handling = handling;
        this.catalog = catalog;
        this.areas = areas;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** The tenant's report categories, in catalogue order. */
    List<CaseType> categories() {
        return catalog.current(CurrentTenant.require()).stream()
                .filter(t -> t.definition().isReportCategory())
                .toList();
    }

    Optional<CaseType> category(String code) {
        return catalog.current(CurrentTenant.require(), code)
                .filter(t -> t.definition().isReportCategory());
    }

    /**
     * Opens the report and its case in one transaction; the same submission id gives the report it made
     * the first time.
     *
     * @throws CaseIntake.Refused when the answers are not accepted
     */
    @Transactional
    Submitted submit(NewReport r) {
        TenantId tenant = CurrentTenant.require();
        CaseTypeDefinition category = category(r.category()).orElseThrow().definition();
        String unit = r.unit() != null ? r.unit() : areas.owningUnit(tenant, category, r.position());
        var opened = intake.open(new CaseIntake.Application(
                r.category(), unit, r.reporter(), r.submission(), r.values(), List.of(), r.channel()));
        if (!opened.created()) {
            // the same submission again (a double click, a retry): the report it made, which waited for this one
            return new Submitted(store.byCase(opened.caseId()).orElseThrow(), false);
        }
        String publicId = Report.publicId(opened.reference());
        Instant now = clock.instant();
        String status = category.initialStatus().code();
        store.insert(
                opened.caseId(),
                publicId,
                r.submission().id(),
                r.category(),
                unit,
                status,
                r.position(),
                Sweref99Tm.fromWgs84(r.position()),
                areas.at(tenant, r.position()).map(Area::code).orElse(null),
                r.address(),
                r.listed(),
                now);
        UUID updateId = UUID.randomUUID();
        store.addUpdate(updateId, opened.caseId(), "RECEIVED", status, false, null, now);
        String email = email(category, r.values());
        if (email != null) {
            store.subscribe(opened.caseId(), email);
            events.publishEvent(new ReportEvents.PublicUpdate(
                    tenant, opened.caseId(), updateId, publicId, "report-received", List.of(email), List.of()));
        }
        return new Submitted(store.byCase(opened.caseId()).orElseThrow(), true);
    }

    /** The reporter's e-mail for updates: the answer to the category's first e-mail question. */
    static String email(CaseTypeDefinition category, Map<String, List<String>> values) {
        return category.form().stream()
                .filter(f -> f.type() == FieldType.EMAIL)
                .map(f -> values.get(f.key()))
                .filter(v -> v != null && !v.isEmpty() && !v.get(0).isBlank())
                .map(v -> v.get(0).strip())
                .findFirst()
                .orElse(null);
    }

    /** Reports as the public list and map show them. */
    @Transactional(readOnly = true)
    List<Report> find(ReportStore.Query query) {
        return store.find(query);
    }

    @Transactional(readOnly = true)
    Optional<Report> byPublicId(String publicId) {
        return store.byPublicId(publicId);
    }

    @Transactional(readOnly = true)
    Optional<Report> byCase(UUID caseId) {
        return store.byCase(caseId);
    }

    /** A report's public page: the report, its public history and, once staff publish them, its photos. */
    record PublicPage(Report report, List<Report.Update> history, List<CaseHandling.FileInfo> photos) {}

    @Transactional(readOnly = true)
    Optional<PublicPage> publicPage(String publicId) {
        return store.byPublicId(publicId)
                .map(r -> new PublicPage(
                        r,
                        store.updates(r.caseId()),
                        r.photosPublic() ? handling.files(r.caseId(), photoFieldOf(r.category())) : List.of()));
    }

    /** A photo of the report, once staff have published the report's photos. */
    @Transactional(readOnly = true)
    Optional<CaseHandling.FileContent> publishedPhoto(String publicId, UUID fileId) {
        return store.byPublicId(publicId)
                .filter(Report::photosPublic)
                .flatMap(r -> handling.file(r.caseId(), fileId)
                        .filter(f -> f.file().fieldKey().equals(photoFieldOf(r.category()))));
    }

    /** Stops the updates to the address; false when there is no such report. The same answer whether or not it followed. */
    @Transactional
    boolean unsubscribe(String publicId, String address) {
        var report = store.byPublicId(publicId);
        report.ifPresent(r -> store.unsubscribe(r.caseId(), address));
        return report.isPresent();
    }

    String photoFieldOf(String category) {
        return category(category).map(ReportController::photoField).orElse("photos");
    }

    /** Open reports of the category near the place, for "is this the same problem?". */
    @Transactional(readOnly = true)
    List<Report.Nearby> possibleDuplicates(String category, Position position, int metres) {
        return store.nearby(Sweref99Tm.fromWgs84(position), metres, category, null, 5, true);
    }

    /** Someone else sees the same problem: it counts, and with an e-mail they follow the report. */
    @Transactional
    Optional<Report> support(String publicId, String supporter, String email) {
        var report = store.byPublicId(publicId).filter(r -> !r.closed() && r.mergedInto() == null);
        report.ifPresent(r -> {
            store.supported(r.caseId(), supporter);
            if (email != null && !email.isBlank()) {
                store.subscribe(r.caseId(), email.strip());
            }
        });
        return report;
    }

    /**
     * When the case is disposed of, the followers' e-mail addresses go with it, in the disposal's own transaction
     * (not after it, as other module listeners run), so that a case is never half disposed.
     */
    @EventListener
    void on(CaseEvents.Disposed e) {
        store.removeSubscribers(e.caseId());
    }

    /**
     * The report's status follows its case's; each change is public and told to the followers. In the case change's
     * own transaction, so the public map and Open311 never show a status the case no longer has.
     */
    @EventListener
    void on(CaseEvents.StatusChanged e) {
        var report = store.byCase(e.caseId());
        if (report.isEmpty()) {
            return;
        }
        var status = catalog.current(e.tenantId(), report.get().category())
                .flatMap(t -> t.definition().status(e.toStatus()));
        boolean closed = status.map(CaseTypeDefinition.Status::isFinal).orElse(false);
        Instant now = clock.instant();
        store.status(e.caseId(), e.toStatus(), closed, now);
        UUID updateId = UUID.randomUUID();
        store.addUpdate(updateId, e.caseId(), "STATUS", e.toStatus(), closed, null, now);
        String label = status.map(s -> s.resident().sv()).orElse(e.toStatus());
        tell(e.tenantId(), report.get(), updateId, "report-status", List.of(label));
    }

    /**
     * Staff set what the public sees: a status text (told to followers when it changes), the description
     * as published, and whether the photos are shown.
     */
    @Transactional
    void publish(
            UUID caseId,
            int seenVersion,
            String publicText,
            String publicDescription,
            boolean photosPublic,
            String actorAuditId) {
        Report before = store.byCase(caseId).orElseThrow();
        String text = blankToNull(publicText);
        if (!store.publish(caseId, seenVersion, text, blankToNull(publicDescription), photosPublic, clock.instant())) {
            throw new StaleReportException();
        }
        audit.record(new AuditRecord(
                Actor.of(actorAuditId),
                "REPORT_PUBLISHED",
                "case",
                caseId.toString(),
                Map.of(
                        "photos",
                        Boolean.toString(photosPublic),
                        "description",
                        Boolean.toString(publicDescription != null && !publicDescription.isBlank()))));
        if (text != null && !text.equals(before.publicText())) {
            addText(before, text);
        }
    }

    /** A public update from outside (Open311): a text, and the report closed as fixed when asked. */
    @Transactional
    Report.Update update(Report report, String description, boolean close, String actorAuditId) {
        if (close && !report.closed()) {
            handling.closeAsDone(report.caseId(), actorAuditId, actorAuditId);
        }
        Report now = store.byCase(report.caseId()).orElseThrow();
        if (description != null && !description.isBlank()) {
            store.publicText(report.caseId(), description.strip(), clock.instant());
            addText(now, description.strip());
        }
        var updates = store.updates(report.caseId());
        return updates.get(updates.size() - 1);
    }

    /** A public text in the report's history, told to its followers. */
    void addText(Report report, String text) {
        UUID updateId = UUID.randomUUID();
        store.addUpdate(updateId, report.caseId(), "TEXT", report.status(), report.closed(), text, clock.instant());
        tell(CurrentTenant.require(), report, updateId, "report-text", List.of(text));
    }

    /**
     * Merges a duplicate into the report kept: the duplicate's followers and support move over, and its
     * case is closed as already reported.
     */
    @Transactional
    void merge(UUID duplicateCaseId, int seenVersion, UUID keptCaseId, String actorAuditId, String actorName) {
        Report duplicate = store.byCase(duplicateCaseId).orElseThrow();
        Report kept = store.byCase(keptCaseId).orElseThrow();
        if (duplicate.closed()
                || kept.closed()
                // the public could not see the report its followers and page would be sent to
                || (!kept.listed() && duplicate.listed())
                || duplicate.caseId().equals(kept.caseId())
                || kept.mergedInto() != null) {
            throw new IllegalArgumentException("reports.merge.not-possible");
        }
        if (!store.merge(duplicateCaseId, seenVersion, keptCaseId, clock.instant())) {
            throw new StaleReportException();
        }
        List<String> moved = store.moveSubscribers(duplicateCaseId, keptCaseId);
        var caseState = handling.state(duplicateCaseId).orElseThrow();
        handling.closeAsDuplicate(
                duplicateCaseId,
                caseState.version(),
                handling.state(keptCaseId).orElseThrow().reference(),
                actorAuditId,
                actorName);
        UUID updateId = UUID.randomUUID();
        Report closed = store.byCase(duplicateCaseId).orElseThrow();
        store.addUpdate(updateId, duplicateCaseId, "MERGED", closed.status(), true, kept.publicId(), clock.instant());
        audit.record(new AuditRecord(
                Actor.of(actorAuditId),
                "REPORT_MERGED",
                "case",
                duplicateCaseId.toString(),
                Map.of("keptCase", keptCaseId.toString())));
        if (!moved.isEmpty()) {
            events.publishEvent(new ReportEvents.PublicUpdate(
                    CurrentTenant.require(),
                    duplicateCaseId,
                    updateId,
                    kept.publicId(),
                    "report-merged",
                    moved,
                    List.of(duplicate.publicId())));
        }
    }

    private void tell(TenantId tenant, Report report, UUID updateId, String kind, List<String> args) {
        List<String> followers = store.subscribers(report.caseId());
        if (!followers.isEmpty()) {
            events.publishEvent(new ReportEvents.PublicUpdate(
                    tenant, report.caseId(), updateId, report.publicId(), kind, followers, args));
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
