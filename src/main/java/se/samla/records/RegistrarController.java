package se.samla.records;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.cases.CaseHandling;
import se.samla.identity.CurrentUser;
import se.samla.identity.SignedInUser;
import se.samla.identity.StaffRole;
import se.samla.platform.TenantTransactions;
import se.samla.records.view.CaseRegisterView;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/**
 * A case's register for staff: registrars see every registered case their clearance reaches, register
 * documents that came on paper or by e-mail, and mark documents or the whole case as secret; case
 * officers of the owning unit read it. Anyone else gets 404, audited.
 */
@Controller
class RegistrarController {

    /** An OSL provision as registrars write it: "26 kap. 1 § OSL", "21 kap. 7 § OSL", "23 kap. 2 a § OSL". */
    static final Pattern PROVISION = Pattern.compile("\\d{1,2} kap\\. \\d{1,2}( [a-z])? § OSL");

    private final JdbcClient jdbc;
    private final Registrar registrar;
    private final CaseHandling cases;
    private final TenantTransactions transactions;
    private final AuditLog audit;
    private final MessageSource messages;

    RegistrarController(JdbcClient jdbc, Registrar registrar, CaseHandling cases, TenantTransactions transactions,
            AuditLog audit, MessageSource messages) {
        this.jdbc = jdbc;
        this.registrar = registrar;
        this.cases = cases;
        this.transactions = transactions;
        this.audit = audit;
        this.messages = messages;
    }

    @GetMapping("/personal/diarium/{id}")
    String show(@PathVariable String id, @RequestParam(name = "klart", required = false) String done, Model model) {
        return page(caseId(id), List.of(), done == null ? null : "records.staff.saved", model);
    }

    @PostMapping("/personal/diarium/{id}/registrera")
    String register(@PathVariable String id, @RequestParam(name = "direction", defaultValue = "") String direction,
            @RequestParam(name = "counterpart", defaultValue = "") String counterpart,
            @RequestParam(name = "description", defaultValue = "") String description,
            @RequestParam(name = "publicDescription", defaultValue = "") String publicDescription,
            @RequestParam(name = "provision", defaultValue = "") String provision, Model model, HttpServletResponse response) {
        UUID caseId = caseId(id);
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
        Registrar.Direction chosen = dir;
        transactions.run(CurrentTenant.require(), () -> registrar.register(caseId, chosen, Registrar.Kind.OTHER, null,
                counterpart.isBlank() ? null : counterpart.strip(), description.strip(), publicDescription.strip(),
                staff.auditId(), provision.isBlank() ? null : provision.strip()));
        return "redirect:/personal/diarium/" + caseId + "?klart";
    }

    @PostMapping("/personal/diarium/{id}/handlingar/{number}/sekretess")
    String markDocument(@PathVariable String id, @PathVariable int number,
            @RequestParam(name = "provision", defaultValue = "") String provision, Model model, HttpServletResponse response) {
        UUID caseId = caseId(id);
        var staff = registrarOf(caseId);
        if (!provision.isBlank() && !PROVISION.matcher(provision.strip()).matches()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(caseId, List.of("records.staff.error.provision"), null, model);
        }
        boolean changed = transactions.call(CurrentTenant.require(),
                () -> registrar.markDocument(caseId, number, provision.isBlank() ? null : provision.strip(), staff.auditId()));
        if (!changed) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/personal/diarium/" + caseId + "?klart";
    }

    @PostMapping("/personal/diarium/{id}/sekretess")
    String markCase(@PathVariable String id, @RequestParam(name = "provision", defaultValue = "") String provision,
            Model model, HttpServletResponse response) {
        UUID caseId = caseId(id);
        var staff = registrarOf(caseId);
        if (!provision.isBlank() && !PROVISION.matcher(provision.strip()).matches()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(caseId, List.of("records.staff.error.provision"), null, model);
        }
        transactions.run(CurrentTenant.require(),
                () -> registrar.markCase(caseId, provision.isBlank() ? null : provision.strip(), staff.auditId()));
        return "redirect:/personal/diarium/" + caseId + "?klart";
    }

    private String page(UUID caseId, List<String> errors, String notice, Model model) {
        var staff = staff();
        boolean isRegistrar = mayRegister(caseId, staff);
        if (!isRegistrar && !transactions.read(CurrentTenant.require(), () -> cases.staffMaySee(caseId, staff))) {
            refuse(caseId, staff);
        }
        var file = transactions.read(CurrentTenant.require(), () -> jdbc.sql(
                "SELECT reference, title, public_title, osl_provision FROM records.case_file WHERE case_id = :c")
                .param("c", caseId).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4)}).optional()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var entries = transactions.call(CurrentTenant.require(), () -> {
            audit.record(new AuditRecord(Actor.of(staff.auditId()), "REGISTER_OPENED", "case", caseId.toString(), Map.of()));
            return jdbc.sql("SELECT * FROM records.entry WHERE case_id = :c ORDER BY number").param("c", caseId)
                    .query((rs, n) -> new CaseRegisterView.Entry(rs.getInt("number"),
                            rs.getObject("registered_on", java.time.LocalDate.class).toString(),
                            text("records.direction." + rs.getString("direction")), rs.getString("kind"),
                            rs.getString("counterpart"), rs.getString("public_counterpart"), rs.getString("description"),
                            rs.getString("public_description"), rs.getString("osl_provision"),
                            rs.getTimestamp("secrecy_marked_at") == null ? null
                                    : rs.getTimestamp("secrecy_marked_at").toInstant().atZone(SwedishTime.ZONE).toLocalDate()
                                            .toString()))
                    .list();
        });
        model.addAttribute("register", new CaseRegisterView(caseId.toString(), file[0], file[1], file[2], file[3], isRegistrar,
                entries, errors.stream().map(this::text).toList(), notice == null ? null : text(notice)));
        return "records/case-register";
    }

    /** A registrar whose clearance reaches the case; else 404 (audited). */
    private SignedInUser.Staff registrarOf(UUID caseId) {
        var staff = staff();
        if (!mayRegister(caseId, staff)) {
            refuse(caseId, staff);
        }
        return staff;
    }

    private boolean mayRegister(UUID caseId, SignedInUser.Staff staff) {
        if (!staff.hasRole(StaffRole.REGISTRAR)) {
            return false;
        }
        return transactions.read(CurrentTenant.require(), () -> cases.registrationFacts(caseId))
                .map(f -> staff.clearance().reaches(f.confidentiality())).orElse(false);
    }

    private void refuse(UUID caseId, SignedInUser.Staff staff) {
        transactions.run(CurrentTenant.require(), () -> audit.record(new AuditRecord(Actor.of(staff.auditId()),
                "ACCESS_REFUSED", "case", caseId.toString(), Map.of("by", "register"))));
        throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }

    private static SignedInUser.Staff staff() {
        return CurrentUser.requireStaff();
    }

    private static UUID caseId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
