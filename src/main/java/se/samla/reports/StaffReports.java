package se.samla.reports;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.cases.CaseHandling;
import se.samla.identity.SignedInUser;

/**
 * The report side of a case as a case officer sees it, under the case's own access rule: one transaction reads
 * the case (audited), the report, the nearby reports the officer may see, and the counts of photos and followers.
 */
@Service
class StaffReports {

    /** How far around a report staff look for others, whatever their category. */
    static final int NEARBY_METRES = 250;

    /** What the staff page shows of a report. */
    record Seen(
            CaseHandling.CaseInfo opened,
            Report report,
            List<Report.Nearby> nearby,
            int photos,
            int followers,
            List<SensorCases.Link> linked,
            String device) {}

    private final ReportStore store;
    private final ReportService service;
    private final CaseHandling handling;
    private final SensorCases sensorCases;

    StaffReports(ReportStore store, ReportService service, CaseHandling handling, SensorCases sensorCases) {
        this.store = store;
        this.service = service;
        this.handling = handling;
        this.sensorCases = sensorCases;
    }

    /** The report of the case, opened by the staff member (audited); empty when they may not see it or it is no report. */
    @Transactional
    Optional<Seen> open(UUID caseId, SignedInUser.Staff staff) {
        var opened = handling.openForStaff(caseId, staff);
        var report = opened.flatMap(o -> store.byCase(caseId));
        if (report.isEmpty()) {
            return Optional.empty();
        }
        Report r = report.get();
        List<Report.Nearby> nearby = store.nearby(r.grid(), NEARBY_METRES, null, caseId, 20, false).stream()
                .filter(n -> handling.staffMaySee(n.report().caseId(), staff))
                .toList();
        String photoField =
                service.category(r.category()).map(ReportController::photoField).orElse("photos");
        return Optional.of(new Seen(
                opened.get(),
                r,
                nearby,
                handling.files(caseId, photoField).size(),
                store.subscribers(caseId).size(),
                sensorCases.links(caseId).stream()
                        .filter(l -> handling.staffMaySee(l.caseId(), staff))
                        .toList(),
                sensorCases.device(caseId).orElse(null)));
    }

    /**
     * Whether the staff member may work with the case's report. A refusal is audited (the case module writes it
     * when asked to open the case) and committed, since the caller answers "not found".
     */
    @Transactional
    boolean mayWorkWith(UUID caseId, SignedInUser.Staff staff) {
        if (handling.staffMaySee(caseId, staff)) {
            return true;
        }
        handling.openForStaff(caseId, staff);
        return false;
    }

    /** The open reports of the units the staff member works in, sensors' unlisted ones too, for the staff's map. */
    @Transactional(readOnly = true)
    List<Report> openForMap(SignedInUser.Staff staff) {
        List<Report> ofUnits = store.openOfUnits(handling.unitsOf(staff), 5000);
        var visible =
                handling.visibleTo(staff, ofUnits.stream().map(Report::caseId).toList());
        return ofUnits.stream().filter(r -> visible.contains(r.caseId())).toList();
    }

    /** Open reports around the case's, for the map: what the public map shows of them too. */
    @Transactional(readOnly = true)
    List<Report.Nearby> nearby(UUID caseId) {
        Report r = store.byCase(caseId).orElseThrow();
        return store.nearby(r.grid(), NEARBY_METRES, null, caseId, 50, true);
    }
}
