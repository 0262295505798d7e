package se.samla.records;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import se.samla.identity.CurrentUser;
import se.samla.identity.SignedInUser;
import se.samla.identity.StaffRole;

/** The archivist's e-archive delivery: closed cases to keep, each as an FGS package, or all as one batch. */
@Controller
class ArchiveController {

    private final ArchiveExport export;

    ArchiveController(ArchiveExport export) {
        this.export = export;
    }

    @GetMapping("/personal/arkiv")
    String list(Model model) {
        archivist();
        model.addAttribute(
                "ready",
                export.ready().stream()
                        .map(r ->
                                new se.samla.records.view.ArchiveItem(r.caseId().toString(), r.reference(), r.title()))
                        .toList());
        return "records/archive";
    }

    @GetMapping(value = "/personal/arkiv/{id}", produces = "application/zip")
    ResponseEntity<byte[]> one(@PathVariable UUID id) {
        var staff = archivist();
        UUID caseId = id;
        byte[] zip = export.packageOf(caseId, staff.auditId())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"fgs-" + caseId + ".zip\"")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(zip);
    }

    @GetMapping(value = "/personal/arkiv/leverans", produces = "application/zip")
    void batch(HttpServletResponse response) throws IOException {
        var staff = archivist();
        response.setContentType("application/zip");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"fgs-leverans.zip\"");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
        export.batch(response.getOutputStream(), staff.auditId());
    }

    private static SignedInUser.Staff archivist() {
        return CurrentUser.requireStaff(StaffRole.ARCHIVIST);
    }
}
