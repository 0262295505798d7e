package se.samla.cases;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import se.samla.cases.view.DisposalView;
import se.samla.identity.SignedInUser;
import se.samla.identity.StaffRole;

/**
 * The archivist's disposal page: what tonight's run would dispose of (the dry run), running it now, and
 * legal holds that keep cases from it.
 */
@Controller
class DisposalController {

    private final Disposal disposal;
    private final Clock clock;

    DisposalController(Disposal disposal, Clock clock) {
        this.disposal = disposal;
        this.clock = clock;
    }

    @GetMapping("/personal/gallring")
    String page(@RequestParam(name = "klart", required = false) String done, Model model) {
        archivist();
        return show(done, null, model);
    }

    @PostMapping("/personal/gallring/kor")
    String run(Model model) {
        var staff = archivist();
        var outcome = disposal.run(LocalDate.now(clock), staff.auditId());
        return "redirect:/personal/gallring?klart=" + outcome.disposed().size() + "-"
                + outcome.failed().size();
    }

    @PostMapping("/personal/gallring/sparr")
    String hold(
            @RequestParam(name = "reference", defaultValue = "") String reference,
            @RequestParam(name = "reason", defaultValue = "") String reason,
            Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        var staff = archivist();
        var found = disposal.byReference(reference.strip());
        if (found.isEmpty() || reason.isBlank() || reason.length() > 500) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return show(null, found.isEmpty() ? "disposal.error.reference" : "disposal.error.reason", model);
        }
        disposal.hold(found.get(), reason.strip(), staff.auditId());
        return "redirect:/personal/gallring";
    }

    @PostMapping("/personal/gallring/sparr/{id}/hav")
    String lift(@PathVariable UUID id) {
        var staff = archivist();
        if (!disposal.hold(id, null, staff.auditId())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/personal/gallring";
    }

    private String show(String notice, String error, Model model) {
        var due = disposal.due(LocalDate.now(clock)).stream()
                .map(d -> new DisposalView.Due(
                        d.reference(), d.caseType(), d.disposalOn().toString(), d.retentionReference()))
                .toList();
        var held = disposal.held().stream()
                .map(h -> new DisposalView.Held(
                        String.valueOf(h.get("id")),
                        String.valueOf(h.get("reference")),
                        String.valueOf(h.get("legal_hold"))))
                .toList();
        model.addAttribute("disposal", new DisposalView(due, held, notice, error));
        return "cases/disposal";
    }

    private static SignedInUser.Staff archivist() {
        var staff = Requests.staff();
        if (!staff.hasRole(StaffRole.ARCHIVIST)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return staff;
    }
}
