package se.samla.reports;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import se.samla.cases.IllegalCaseChangeException;
import se.samla.cases.StaleCaseException;
import se.samla.identity.CurrentUser;
import se.samla.identity.SignedInUser;
import se.samla.reports.view.StaffReportView;
import se.samla.shared.CurrentTenant;

/**
 * The report side of a case in the workbench: where it is on the map, other open reports nearby (and
 * merging a duplicate into one of them), and what the public sees. Staff reach it under the same rule
 * as the case itself; anything else is not found.
 */
@Controller
class StaffReportController {

    private final ReportService service;
    private final StaffReports reports;
    private final ReportViews views;
    private final Places places;

    StaffReportController(ReportService service, StaffReports reports, ReportViews views, Places places) {
        this.service = service;
        this.reports = reports;
        this.views = views;
        this.places = places;
    }

    @GetMapping("/personal/felanmalan/{id}")
    String report(
            @PathVariable UUID id,
            @RequestParam(name = "klart", required = false) String done,
            Model model,
            HttpServletResponse response) {
        return show(id, done == null ? null : "reports.staff." + done, null, model, response);
    }

    @PostMapping("/personal/felanmalan/{id}/publicera")
    String publish(
            @PathVariable UUID id,
            @RequestParam(name = "version") int version,
            @RequestParam(name = "publicText", defaultValue = "") String publicText,
            @RequestParam(name = "publicDescription", defaultValue = "") String publicDescription,
            @RequestParam(name = "photosPublic", required = false) String photosPublic,
            Model model,
            HttpServletResponse response) {
        UUID caseId = id;
        var staff = staff();
        requireAccess(caseId, staff);
        if (publicText.length() > 2000 || publicDescription.length() > 2000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        try {
            service.publish(caseId, version, publicText, publicDescription, photosPublic != null, staff.auditId());
        } catch (StaleReportException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return show(caseId, null, "reports.staff.stale", model, response);
        }
        return "redirect:/personal/felanmalan/" + caseId + "?klart=published";
    }

    @PostMapping("/personal/felanmalan/{id}/sammanfoga")
    String merge(
            @PathVariable UUID id,
            @RequestParam(name = "version") int version,
            @RequestParam(name = "keep") UUID keep,
            Model model,
            HttpServletResponse response) {
        UUID caseId = id;
        UUID keptId = keep;
        var staff = staff();
        requireAccess(caseId, staff);
        requireAccess(keptId, staff);
        try {
            service.merge(caseId, version, keptId, staff.auditId(), staff.displayName());
        } catch (StaleReportException | StaleCaseException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return show(caseId, null, "reports.staff.stale", model, response);
        } catch (IllegalArgumentException | IllegalCaseChangeException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return show(caseId, null, "reports.staff.merge.not-possible", model, response);
        }
        return "redirect:/personal/felanmalan/" + caseId + "?klart=merged";
    }

    private String show(UUID caseId, String notice, String error, Model model, HttpServletResponse response) {
        var seen = reports.open(caseId, staff()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Report r = seen.report();
        var nearby = seen.nearby().stream()
                .map(n -> new StaffReportView.Nearby(
                        n.report().caseId().toString(),
                        n.report().publicId(),
                        views.categoryName(n.report().category()),
                        views.status(n.report().category(), n.report().status()),
                        ReportViews.day(n.report().reportedAt()),
                        (int) Math.round(n.metres()),
                        n.report().supporters(),
                        n.report().category().equals(r.category()),
                        n.report().listed() || !r.listed()))
                .toList();
        Object description = seen.opened().answers().get("description");
        views.allowTiles(response);
        model.addAttribute(
                "report",
                new StaffReportView(
                        caseId.toString(),
                        seen.opened().reference(),
                        r.publicId(),
                        views.categoryName(r.category()),
                        views.status(r.category(), r.status()),
                        r.closed(),
                        ReportViews.coordinate(r.position().latitude()),
                        ReportViews.coordinate(r.position().longitude()),
                        ReportViews.metres(r.grid().northing()),
                        ReportViews.metres(r.grid().easting()),
                        places.areaName(CurrentTenant.require(), r.area()),
                        r.address(),
                        description == null ? null : description.toString(),
                        r.publicDescription(),
                        r.photosPublic(),
                        seen.photos(),
                        r.publicText(),
                        r.supporters(),
                        seen.followers(),
                        r.mergedInto(),
                        r.version(),
                        nearby,
                        seen.linked().stream()
                                .map(l -> new StaffReportView.Linked(
                                        l.caseId().toString(), l.publicId(), l.sensor(), l.metres()))
                                .toList(),
                        seen.device(),
                        notice,
                        error,
                        views.map("/personal/felanmalan/" + caseId + "/narliggande.geojson", false, r.position())));
        return "reports/staff-report";
    }

    private void requireAccess(UUID caseId, SignedInUser.Staff staff) {
        if (!reports.mayWorkWith(caseId, staff)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    @GetMapping(value = "/personal/felanmalan/{id}/narliggande.geojson", produces = "application/geo+json")
    @org.springframework.web.bind.annotation.ResponseBody
    Map<String, Object> nearbyMap(@PathVariable UUID id) {
        UUID caseId = id;
        var staff = staff();
        requireAccess(caseId, staff);
        var features = reports.nearby(caseId).stream()
                .map(n -> Map.of(
                        "type",
                        "Feature",
                        "geometry",
                        Map.of(
                                "type",
                                "Point",
                                "coordinates",
                                List.of(
                                        n.report().position().longitude(),
                                        n.report().position().latitude())),
                        "properties",
                        Map.of(
                                "id",
                                n.report().publicId(),
                                "category",
                                views.categoryName(n.report().category()),
                                "status",
                                views.status(n.report().category(), n.report().status()),
                                "reported",
                                ReportViews.day(n.report().reportedAt()))))
                .toList();
        return Map.of("type", "FeatureCollection", "features", features);
    }

    /** The open reports of the staff member's units on a map, and as a list for those without scripts. */
    @GetMapping("/personal/felanmalan/karta")
    String map(Model model, HttpServletResponse response) {
        views.allowTiles(response);
        model.addAttribute("map", views.map("/personal/felanmalan/karta.geojson", false, null));
        model.addAttribute(
                "reports",
                reports.openForMap(staff()).stream()
                        .limit(200)
                        .map(r -> new StaffReportView.Nearby(
                                r.caseId().toString(),
                                r.publicId(),
                                views.categoryName(r.category()),
                                views.status(r.category(), r.status()),
                                ReportViews.day(r.reportedAt()),
                                0,
                                r.supporters(),
                                true,
                                false))
                        .toList());
        return "reports/staff-map";
    }

    @GetMapping(value = "/personal/felanmalan/karta.geojson", produces = "application/geo+json")
    @org.springframework.web.bind.annotation.ResponseBody
    Map<String, Object> mapData() {
        var features = reports.openForMap(staff()).stream()
                .map(r -> Map.of(
                        "type",
                        "Feature",
                        "geometry",
                        Map.of(
                                "type",
                                "Point",
                                "coordinates",
                                List.of(r.position().longitude(), r.position().latitude())),
                        "properties",
                        Map.of(
                                "id",
                                r.publicId(),
                                "href",
                                "/personal/felanmalan/" + r.caseId(),
                                "category",
                                views.categoryName(r.category()),
                                "status",
                                views.status(r.category(), r.status()),
                                "reported",
                                ReportViews.day(r.reportedAt()))))
                .toList();
        return Map.of("type", "FeatureCollection", "features", features);
    }

    private static SignedInUser.Staff staff() {
        return CurrentUser.requireStaff();
    }
}
