package se.samla.records;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import se.samla.identity.CurrentUser;
import se.samla.identity.SignedInUser;
import se.samla.records.view.CaseRegisterView;

/**
 * A case's register for staff: registrars see every registered case their clearance reaches, register
 * documents that came on paper or by e-mail, and mark documents or the whole case as secret; case
 * officers of the owning unit read it. Anyone else gets 404, audited.
 */
@Controller
class RegistrarController {

    /** An OSL provision as registrars write it: "26 kap. 1 § OSL", "21 kap. 7 § OSL", "23 kap. 2 a § OSL". */
    static final Pattern PROVISION = Pattern.compile("\\d{1,2} kap\\. \\d{1,2}( [a-z])? § OSL");

    private final CaseRegisters registers;
    private final MessageSource messages;

    RegistrarController(CaseRegisters registers, MessageSource messages) {
        this.registers = registers;
        this.messages = messages;
    }

    @GetMapping("/personal/diarium/{id}")
    String show(@PathVariable UUID id, @RequestParam(name = "klart", required = false) String done, Model model) {
        return page(id, List.of(), done == null ? null : "records.staff.saved", model);
    }

    @PostMapping("/personal/diarium/{id}/registrera")
    String register(
            @PathVariable UUID id,
            @RequestParam(name = "direction", defaultValue = "") String direction,
            @RequestParam(name = "counterpart", defaultValue = "") String counterpart,
            @RequestParam(name = "description", defaultValue = "") String description,
            @RequestParam(name = "publicDescription", defaultValue = "") String publicDescription,
            @RequestParam(name = "provision", defaultValue = "") String provision,
            Model model,
            HttpServletResponse response) {
        UUID caseId = id;
        var staff = registrarOf(caseId);
        List<String> errors = new ArrayList<>();
        Registrar.Direction dir = null;
        try {
            dir = Registrar.Direction.valueOf(direction);
        } catch (IllegalArgumentException e) {
            errors.add("records.staff.error.direction");
        }
        if (description.isBlank() || description.length() > 500) {
            errors.add("records.staff.error.description");
        }
        if (publicDescription.isBlank() || publicDescription.length() > 500) {
            errors.add("records.staff.error.public-description");
        }
        if (counterpart.length() > 200) {
            errors.add("records.staff.error.counterpart");
        }
        if (!provision.isBlank() && !PROVISION.matcher(provision.strip()).matches()) {
            errors.add("records.staff.error.provision");
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(caseId, errors, null, model);
        }
        if (!registers.registerDocument(
                caseId,
                staff,
                dir,
                counterpart.isBlank() ? null : counterpart.strip(),
                description.strip(),
                publicDescription.strip(),
                provision.isBlank() ? null : provision.strip())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/personal/diarium/" + caseId + "?klart";
    }

    @PostMapping("/personal/diarium/{id}/handlingar/{number}/sekretess")
    String markDocument(
            @PathVariable UUID id,
            @PathVariable int number,
            @RequestParam(name = "provision", defaultValue = "") String provision,
            Model model,
            HttpServletResponse response) {
        UUID caseId = id;
        var staff = registrarOf(caseId);
        if (!provision.isBlank() && !PROVISION.matcher(provision.strip()).matches()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(caseId, List.of("records.staff.error.provision"), null, model);
        }
        boolean changed = registers
                .markDocument(caseId, staff, number, provision.isBlank() ? null : provision.strip())
                .orElse(false);
        if (!changed) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/personal/diarium/" + caseId + "?klart";
    }

    @PostMapping("/personal/diarium/{id}/sekretess")
    String markCase(
            @PathVariable UUID id,
            @RequestParam(name = "provision", defaultValue = "") String provision,
            Model model,
            HttpServletResponse response) {
        UUID caseId = id;
        var staff = registrarOf(caseId);
        if (!provision.isBlank() && !PROVISION.matcher(provision.strip()).matches()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(caseId, List.of("records.staff.error.provision"), null, model);
        }
        if (!registers.markCase(caseId, staff, provision.isBlank() ? null : provision.strip())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/personal/diarium/" + caseId + "?klart";
    }

    private String page(UUID caseId, List<String> errors, String notice, Model model) {
        var register =
                registers.open(caseId, staff()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var file = register.file();
        var entries = register.entries().stream()
                .map(e -> new CaseRegisterView.Entry(
                        e.number(),
                        e.registeredOn().toString(),
                        text("records.direction." + e.direction()),
                        e.kind(),
                        e.counterpart(),
                        e.publicCounterpart(),
                        e.description(),
                        e.publicDescription(),
                        e.osl(),
                        e.secretSince() == null ? null : e.secretSince().toString()))
                .toList();
        model.addAttribute(
                "register",
                new CaseRegisterView(
                        caseId.toString(),
                        file.reference(),
                        file.title(),
                        file.publicTitle(),
                        file.osl(),
                        register.registrar(),
                        entries,
                        errors.stream().map(this::text).toList(),
                        notice == null ? null : text(notice)));
        return "records/case-register";
    }

    /** A registrar whose clearance reaches the case; else 404 (the refusal audited). */
    private SignedInUser.Staff registrarOf(UUID caseId) {
        var staff = staff();
        if (!registers.registrarOf(caseId, staff)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return staff;
    }

    private static SignedInUser.Staff staff() {
        return CurrentUser.requireStaff();
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
