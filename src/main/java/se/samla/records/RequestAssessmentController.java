package se.samla.records;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import se.samla.identity.CurrentUser;
import se.samla.identity.SignedInUser;
import se.samla.identity.StaffRole;
import se.samla.records.view.RequestViews;
import se.samla.shared.SwedishTime;

/**
 * The registrar's side of requests for documents: the queue with each request's age, and the assessment
 * of one request with the document in front of them. Only registrars whose clearance reaches the case.
 */
@Controller
class RequestAssessmentController {

    private final RequestAssessments assessments;
    private final DocumentRequests requests;
    private final MessageSource messages;
    private final Clock clock;

    RequestAssessmentController(
            RequestAssessments assessments, DocumentRequests requests, MessageSource messages, Clock clock) {
        this.assessments = assessments;
        this.requests = requests;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/personal/begaranden")
    String queue(Model model) {
        var staff = registrar();
        var items = assessments.queue(staff).stream()
                .map(r -> new RequestViews.Item(
                        r.id().toString(),
                        r.reference() + "-" + r.number(),
                        r.description(),
                        r.requestedAt().atZone(SwedishTime.ZONE).toLocalDate().toString(),
                        DocumentRequests.ageInDays(r.requestedAt(), clock),
                        text("records.request.status." + r.status()),
                        "OPEN".equals(r.status())))
                .toList();
        model.addAttribute("items", items);
        return "records/requests";
    }

    @GetMapping("/personal/begaranden/{id}")
    String show(@PathVariable UUID id, Model model) {
        var staff = registrar();
        var r = request(id, staff);
        return page(r, staff, null, null, null, List.of(), model);
    }

    @PostMapping("/personal/begaranden/{id}/beslut")
    String decide(
            @PathVariable UUID id,
            @RequestParam(name = "version") int version,
            @RequestParam(name = "outcome", defaultValue = "") String outcome,
            @RequestParam(name = "provision", defaultValue = "") String provision,
            @RequestParam(name = "reasons", defaultValue = "") String reasons,
            @RequestParam(name = "releasedText", defaultValue = "") String releasedText,
            Model model,
            HttpServletResponse response) {
        var staff = registrar();
        var r = request(id, staff);
        List<String> errors = new ArrayList<>();
        DocumentRequests.Outcome chosen = null;
        try {
            chosen = DocumentRequests.Outcome.valueOf(outcome);
        } catch (IllegalArgumentException e) {
            errors.add("records.assess.error.outcome");
        }
        boolean isFile = RequestAssessments.isFile(r);
        String original = isFile ? null : assessments.documentText(r);
        if (chosen != null && chosen != DocumentRequests.Outcome.RELEASED) {
            if (!RegistrarController.PROVISION.matcher(provision.strip()).matches()) {
                errors.add("records.staff.error.provision");
            }
            if (reasons.isBlank() || reasons.length() > 4000) {
                errors.add("records.assess.error.reasons");
            }
        }
        if (chosen == DocumentRequests.Outcome.RELEASED_MASKED) {
            if (isFile) {
                errors.add("records.assess.error.file-mask");
            } else if (releasedText.isBlank() || releasedText.strip().equals(original.strip())) {
                errors.add("records.assess.error.masked-text");
            }
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(r, staff, provision, reasons, releasedText, errors, model);
        }
        DocumentRequests.Outcome decided = chosen;
        String text = switch (decided) {
            case RELEASED -> original;
            case RELEASED_MASKED -> releasedText.strip();
            case REFUSED -> null;
        };
        UUID file = decided == DocumentRequests.Outcome.RELEASED && isFile ? r.sourceId() : null;
        boolean done = requests.decide(
                r.id(),
                version,
                decided,
                decided == DocumentRequests.Outcome.RELEASED ? null : provision.strip(),
                decided == DocumentRequests.Outcome.RELEASED ? null : reasons.strip(),
                text,
                file,
                staff.auditId(),
                staff.displayName());
        if (!done) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return page(
                    request(id, staff),
                    staff,
                    provision,
                    reasons,
                    releasedText,
                    List.of("records.assess.error.stale"),
                    model);
        }
        return "redirect:/personal/begaranden/" + r.id();
    }

    /** The requested file, for the registrar to assess. */
    @GetMapping("/personal/begaranden/{id}/fil")
    ResponseEntity<InputStreamResource> file(@PathVariable UUID id) {
        var staff = registrar();
        var r = request(id, staff);
        var file = assessments.file(r, staff).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.file().contentType()))
                .contentLength(file.file().sizeBytes())
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-store")
                .body(new InputStreamResource(file.content()));
    }

    private String page(
            DocumentRequests.Request r,
            SignedInUser.Staff staff,
            String provision,
            String reasons,
            String releasedText,
            List<String> errors,
            Model model) {
        var assessment = assessments.assess(r, staff);
        boolean isFile = RequestAssessments.isFile(r);
        String document = assessment.document();
        String fileName = assessment.fileName();
        model.addAttribute(
                "request",
                new RequestViews.Assessment(
                        r.id().toString(),
                        r.reference() + "-" + r.number(),
                        r.caseId().toString(),
                        r.description(),
                        r.publicDescription(),
                        r.documentSecrecy(),
                        r.requestedAt().atZone(SwedishTime.ZONE).toLocalDate().toString(),
                        DocumentRequests.ageInDays(r.requestedAt(), clock),
                        r.requesterName() == null ? text("records.assess.anonymous") : r.requesterName(),
                        r.message(),
                        text("records.request.status." + r.status()),
                        "OPEN".equals(r.status()),
                        document,
                        fileName,
                        isFile,
                        r.version(),
                        provision != null ? provision : r.provision() != null ? r.provision() : r.documentSecrecy(),
                        reasons != null ? reasons : r.reasons(),
                        releasedText != null ? releasedText : r.releasedText() != null ? r.releasedText() : document,
                        errors.stream().map(this::text).toList()));
        return "records/request";
    }

    private DocumentRequests.Request request(UUID id, SignedInUser.Staff staff) {
        // a request for a case out of the registrar's reach is answered as if there were none (the refusal audited)
        return assessments.request(id, staff).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static SignedInUser.Staff registrar() {
        return CurrentUser.requireStaff(StaffRole.REGISTRAR);
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
