package se.samla.cases;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import se.samla.cases.view.CaseView;
import se.samla.cases.view.StaffCaseView;
import se.samla.cases.view.WorkbenchView;
import se.samla.catalog.CaseType;
import se.samla.catalog.CaseTypeDefinition;
import se.samla.catalog.Catalog;
import se.samla.catalog.FieldType;
import se.samla.catalog.FormField;
import se.samla.fees.ChargeOrder;
import se.samla.fees.Charges;
import se.samla.fees.Kronor;
import se.samla.identity.SignedInUser;
import se.samla.identity.StaffDirectory;
import se.samla.identity.StaffRole;
import se.samla.shared.CurrentTenant;
import se.samla.shared.TenantId;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.TenantLinks;
import se.samla.tenancy.Tenants;
import se.samla.web.FieldView;

/**
 * The case officer's workbench: queues of the units they work in, and the case page where the work is
 * done. A case outside the staff member's units or above their clearance is neither listed nor shown:
 * it answers 404, and the attempt is audited.
 */
@Controller
class WorkbenchController {

    private final FederationQueues federationQueues;
    private final CaseTransfers transfers;
    private final CaseQueries cases;
    private final CaseWork work;
    private final CaseViews views;
    private final StaffAccess access;
    private final Attachments attachments;
    private final Catalog catalog;
    private final Tenants tenants;
    private final StaffDirectory directory;
    private final StaffCases staffCases;
    private final MessageSource messages;
    private final Clock clock;
    private final Charges charges;

    WorkbenchController(
            FederationQueues federationQueues,
            CaseTransfers transfers,
            CaseQueries cases,
            CaseWork work,
            CaseViews views,
            StaffAccess access,
            Attachments attachments,
            Catalog catalog,
            Tenants tenants,
            StaffDirectory directory,
            StaffCases staffCases,
            MessageSource messages,
            Clock clock,
            Charges charges) {
        this.charges = charges;
        this.federationQueues = federationQueues;
        this.transfers = transfers;
        this.cases = cases;
        this.work = work;
        this.views = views;
        this.access = access;
        this.attachments = attachments;
        this.catalog = catalog;
        this.tenants = tenants;
        this.directory = directory;
        this.staffCases = staffCases;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/personal/arenden")
    String queue(
            @RequestParam(name = "ko", defaultValue = "nya") String queue,
            @RequestParam(name = "typ", required = false) String caseType,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "fran", required = false) String from,
            @RequestParam(name = "till", required = false) String to,
            @RequestParam(name = "q", required = false) String query,
            @RequestParam(name = "sida", defaultValue = "0") int page,
            HttpServletRequest request,
            Model model) {
        var staff = Requests.staff();
        Locale locale = LocaleContextHolder.getLocale();
        Workbench.Queue q = switch (queue) {
            case "mina" -> Workbench.Queue.MINE;
            case "vantar" -> Workbench.Queue.WAITING;
            case "forsenade" -> Workbench.Queue.OVERDUE;
            case "alla" -> Workbench.Queue.ALL;
            default -> Workbench.Queue.NEW;
        };
        var units = access.units(staff);
        var result = federationQueues.find(
                staff,
                new Workbench.Filter(
                        q,
                        units,
                        access.levels(staff),
                        staff.staffId(),
                        blank(caseType),
                        blank(status),
                        date(from),
                        date(to),
                        blank(query),
                        Math.max(0, page)));
        TenantId home = CurrentTenant.require();
        var reach = federationQueues.reach(staff);
        List<CaseType> types = new ArrayList<>(catalog.current(home).stream()
                .filter(t -> units.contains(t.definition().unit()))
                .toList());
        reach.forEach((member, byFederation) -> catalog.current(member).stream()
                .filter(t -> byFederation.values().stream()
                        .anyMatch(codes -> codes.contains(t.definition().unit())))
                .filter(t -> types.stream().noneMatch(known -> known.code().equals(t.code())))
                .forEach(types::add));
        List<WorkbenchView.Row> rows = new ArrayList<>();
        for (FederationQueues.MemberCase m : result.cases()) {
            StoredCase c = m.stored();
            CaseType type = type(m.tenant(), c);
            boolean own = m.tenant().equals(home);
            rows.add(new WorkbenchView.Row(
                    c.id().toString(),
                    c.reference(),
                    type.definition().name().in(locale),
                    c.applicantName() == null ? text("work.anonymous", locale) : c.applicantName(),
                    staffStatus(type, c.status(), locale),
                    CaseViews.day(c.submittedAt()),
                    c.closed() ? "" : CaseViews.DAY.format(c.plannedDecisionOn()),
                    !c.closed() && c.plannedDecisionOn().isBefore(LocalDate.now(clock)),
                    m.assignee(),
                    text("confidentiality." + c.confidentiality().name(), locale),
                    reach.isEmpty()
                            ? ""
                            : tenants.byId(m.tenant()).map(Tenant::name).orElse(""),
                    own
                            ? null
                            : TenantLinks.url(
                                    tenants.byId(m.tenant()).orElseThrow(), request, "/personal/arenden/" + c.id())));
        }
        List<WorkbenchView.Tab> tabs = new ArrayList<>();
        for (String code : List.of("nya", "mina", "vantar", "forsenade", "alla")) {
            tabs.add(new WorkbenchView.Tab(
                    code,
                    text("work.queue." + code, locale),
                    code.equals(queue) || (q == Workbench.Queue.NEW && code.equals("nya"))));
        }
        List<WorkbenchView.Option> statusOptions = types.stream()
                .flatMap(t -> t.definition().statuses().stream())
                .map(s -> s.code())
                .distinct()
                .map(code -> new WorkbenchView.Option(code, statusLabel(types, code, locale), code.equals(status)))
                .toList();
        int pages = (int) Math.max(1, (result.total() + Workbench.PAGE_SIZE - 1) / Workbench.PAGE_SIZE);
        model.addAttribute(
                "bench",
                new WorkbenchView(
                        q == Workbench.Queue.NEW ? "nya" : queue,
                        tabs,
                        types.stream()
                                .map(t -> new WorkbenchView.Option(
                                        t.code(),
                                        t.definition().name().in(locale),
                                        t.code().equals(caseType)))
                                .toList(),
                        statusOptions,
                        blank(caseType),
                        blank(status),
                        blank(from),
                        blank(to),
                        blank(query),
                        rows,
                        Math.min(result.total(), Workbench.COUNT_LIMIT),
                        result.moreThanTotal(),
                        result.page(),
                        pages,
                        reach.keySet().stream()
                                .map(tenants::byId)
                                .flatMap(java.util.Optional::stream)
                                .map(Tenant::name)
                                .sorted()
                                .toList()));
        return "cases/workbench";
    }

    @GetMapping("/personal/arenden/{id}")
    String open(@PathVariable UUID id, Model model) {
        var staff = Requests.staff();
        StoredCase c = staffCases.open(staff, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("item", view(staff, c, null));
        return "cases/staff-case";
    }

    @GetMapping("/personal/arenden/{id}/filer/{file}")
    ResponseEntity<InputStreamResource> file(@PathVariable UUID id, @PathVariable UUID file) throws IOException {
        var staff = Requests.staff();
        StoredCase c = visible(staff, id);
        var stored =
                attachments.content(c.id(), file).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        staffCases.fileDownloaded(staff, c, stored.attachment().id());
        return Requests.inline(stored, attachments.open(stored));
    }

    @PostMapping("/personal/arenden/{id}/tilldela")
    String assign(
            @PathVariable UUID id,
            @RequestParam int version,
            @RequestParam(name = "till", defaultValue = "mig") String assignee,
            HttpServletResponse response,
            Model model) {
        var staff = Requests.staff();
        StoredCase c = visible(staff, id);
        UUID target = "mig".equals(assignee) ? staff.staffId() : Requests.id(assignee);
        if (!"mig".equals(assignee) && colleagues(c).stream().noneMatch(m -> m.id().equals(target))) {
            return failed(staff, c, "work.error.not-a-colleague", HttpStatus.UNPROCESSABLE_CONTENT, response, model);
        }
        return act(staff, c, response, model, () -> work.assign(c, version, target, worker(staff)));
    }

    @PostMapping("/personal/arenden/{id}/status")
    String status(
            @PathVariable UUID id,
            @RequestParam int version,
            @RequestParam String till,
            HttpServletResponse response,
            Model model) {
        var staff = Requests.staff();
        StoredCase c = visible(staff, id);
        return act(staff, c, response, model, () -> work.transition(c, version, till, worker(staff)));
    }

    @PostMapping("/personal/arenden/{id}/komplettering")
    String completion(
            @PathVariable UUID id,
            @RequestParam int version,
            @RequestParam String items,
            @RequestParam String due,
            HttpServletResponse response,
            Model model) {
        var staff = Requests.staff();
        StoredCase c = visible(staff, id);
        List<String> lines = Arrays.stream(items.split("\\R"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        LocalDate dueOn = date(due);
        if (lines.isEmpty() || lines.size() > 20 || lines.stream().anyMatch(l -> l.length() > 500)) {
            return failed(staff, c, "work.error.completion-items", HttpStatus.UNPROCESSABLE_CONTENT, response, model);
        }
        if (dueOn == null || !dueOn.isAfter(LocalDate.now(clock))) {
            return failed(staff, c, "work.error.completion-due", HttpStatus.UNPROCESSABLE_CONTENT, response, model);
        }
        return act(staff, c, response, model, () -> work.requestCompletion(c, version, lines, dueOn, worker(staff)));
    }

    @PostMapping("/personal/arenden/{id}/meddelande")
    String message(
            @PathVariable UUID id,
            @RequestParam String body,
            @RequestParam(name = "asLetter", defaultValue = "false") boolean asLetter,
            HttpServletResponse response,
            Model model) {
        var staff = Requests.staff();
        StoredCase c = visible(staff, id);
        if (body.isBlank() || body.length() > 10_000) {
            return failed(staff, c, "work.error.message", HttpStatus.UNPROCESSABLE_CONTENT, response, model);
        }
        return act(staff, c, response, model, () -> work.message(c, true, body.strip(), worker(staff), asLetter));
    }

    @PostMapping("/personal/arenden/{id}/anteckning")
    String note(@PathVariable UUID id, @RequestParam String body, HttpServletResponse response, Model model) {
        var staff = Requests.staff();
        StoredCase c = visible(staff, id);
        if (body.isBlank() || body.length() > 10_000) {
            return failed(staff, c, "work.error.note", HttpStatus.UNPROCESSABLE_CONTENT, response, model);
        }
        return act(staff, c, response, model, () -> work.note(c, body.strip(), worker(staff)));
    }

    @PostMapping("/personal/arenden/{id}/beslut")
    String decide(
            @PathVariable UUID id,
            @RequestParam int version,
            @RequestParam String outcome,
            @RequestParam String reasons,
            @RequestParam(name = "legalReference") String legalReference,
            @RequestParam Map<String, String> form,
            HttpServletResponse response,
            Model model) {
        var staff = Requests.staff();
        StoredCase c = visible(staff, id);
        if (reasons.isBlank()
                || legalReference.isBlank()
                || reasons.length() > 20_000
                || legalReference.length() > 500) {
            return failed(staff, c, "work.error.decision", HttpStatus.UNPROCESSABLE_CONTENT, response, model);
        }
        return act(
                staff,
                c,
                response,
                model,
                () -> work.decide(
                        c,
                        version,
                        outcome,
                        reasons.strip(),
                        legalReference.strip(),
                        adjustments(form),
                        worker(staff)));
    }

    @PostMapping("/personal/arenden/{id}/avsluta")
    String close(
            @PathVariable UUID id,
            @RequestParam int version,
            @RequestParam String result,
            HttpServletResponse response,
            Model model) {
        var staff = Requests.staff();
        StoredCase c = visible(staff, id);
        return act(staff, c, response, model, () -> work.closeWithoutDecision(c, version, result, worker(staff)));
    }

    /** Ends a decided case's monthly fee (an alarm returned): the month it is ended in is its last. */
    @PostMapping("/personal/arenden/{id}/avgift/{code}/avsluta")
    String endFee(@PathVariable UUID id, @PathVariable String code) {
        var staff = Requests.staff();
        StoredCase c = visible(staff, id);
        if (!charges.end(c.id(), code, staff.auditId())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/personal/arenden/" + c.id();
    }

    @PostMapping("/personal/arenden/{id}/overlamna")
    String transfer(
            @PathVariable UUID id,
            @RequestParam int version,
            @RequestParam(name = "till", required = false) String to,
            @RequestParam(name = "skal", required = false) String reason,
            HttpServletResponse response,
            Model model) {
        var staff = Requests.staff();
        StoredCase c = visible(staff, id);
        return act(staff, c, response, model, () -> transfers.transfer(c, version, to, reason, worker(staff)));
    }

    /** Carries out a change and shows the case again; a refused change is explained on the page. */
    private String act(
            SignedInUser.Staff staff, StoredCase c, HttpServletResponse response, Model model, Runnable change) {
        try {
            change.run();
        } catch (StaleCaseException e) {
            return failed(staff, c, "work.error.stale", HttpStatus.CONFLICT, response, model);
        } catch (IllegalCaseChangeException e) {
            return failed(staff, c, e.messageKey(), e.arguments(), HttpStatus.UNPROCESSABLE_CONTENT, response, model);
        }
        return "redirect:/personal/arenden/" + c.id();
    }

    private String failed(
            SignedInUser.Staff staff,
            StoredCase c,
            String messageKey,
            HttpStatus status,
            HttpServletResponse response,
            Model model) {
        return failed(staff, c, messageKey, new Object[0], status, response, model);
    }

    private String failed(
            SignedInUser.Staff staff,
            StoredCase c,
            String messageKey,
            Object[] arguments,
            HttpStatus status,
            HttpServletResponse response,
            Model model) {
        response.setStatus(status.value());
        StoredCase now = cases.byId(c.id()).orElseThrow();
        model.addAttribute("item", view(staff, now, text(messageKey, LocaleContextHolder.getLocale(), arguments)));
        return "cases/staff-case";
    }

    private StaffCaseView view(SignedInUser.Staff staff, StoredCase c, String error) {
        Locale locale = LocaleContextHolder.getLocale();
        CaseType type = type(c);
        CaseTypeDefinition d = type.definition();
        List<CaseView.Answer> answers = new ArrayList<>();
        for (FormField field : d.form()) {
            Object answer = c.answers().get(field.key());
            if (answer != null && field.type() != FieldType.FILE) {
                answers.add(
                        new CaseView.Answer(field.label().in(locale), AnswerText.of(field, answer, locale, messages)));
            }
        }
        CaseViews.writtenMessage(c, d)
                .ifPresent(m -> answers.add(0, new CaseView.Answer(text("case.written", locale), m)));
        var history = cases.history(c.id()).stream()
                .map(h -> new CaseView.Step(CaseViews.minute(h.at()), staffStatus(type, h.toStatus(), locale)))
                .toList();
        var current = d.status(c.status()).orElseThrow();
        List<WorkbenchView.Option> transitions = current.next().stream()
                .map(code -> d.status(code).orElseThrow())
                .filter(s -> !s.isFinal() && !s.waitingForResident())
                .map(s -> new WorkbenchView.Option(s.code(), s.staff().in(locale), false))
                .toList();
        boolean canRequest = current.next().stream()
                .anyMatch(code -> d.status(code).orElseThrow().waitingForResident());
        String applicantNumber = c.applicantIdentityNumber() == null
                ? null
                : c.applicantIdentityNumber().substring(0, 8) + "-"
                        + c.applicantIdentityNumber().substring(8);
        return new StaffCaseView(
                c.id(),
                c.reference(),
                d.name().in(locale),
                current.staff().in(locale),
                c.closed(),
                c.version(),
                tenants.unit(CurrentTenant.require(), c.unit())
                        .map(u -> u.name().in(locale))
                        .orElse(c.unit()),
                text("confidentiality." + c.confidentiality().name(), locale),
                d.confidentiality().provision(),
                c.applicantName() == null ? text("work.anonymous", locale) : c.applicantName(),
                applicantNumber,
                CaseViews.minute(c.submittedAt()),
                CaseViews.DAY.format(c.plannedDecisionOn()),
                CaseViews.DAY.format(c.latestDecisionOn()),
                !c.closed() && c.plannedDecisionOn().isBefore(LocalDate.now(clock)),
                c.assignedTo() == null ? null : directory.name(c.assignedTo()).orElse("?"),
                staff.staffId().equals(c.assignedTo()),
                answers,
                attachments.ofCase(c.id()).stream()
                        .map(a -> new FieldView.File(a.id(), a.filename(), FormViews.size(a.sizeBytes())))
                        .toList(),
                history,
                views.messages(c.id()),
                views.completions(c.id()),
                cases.notes(c.id()).stream()
                        .map(n -> new StaffCaseView.Note(n.authorName(), n.body(), CaseViews.minute(n.at())))
                        .toList(),
                views.decision(c.id(), type, locale),
                transitions,
                canRequest,
                d.results().stream()
                        .map(r -> new WorkbenchView.Option(r.code(), r.name().in(locale), false))
                        .toList(),
                colleagues(c).stream()
                        .map(m -> new WorkbenchView.Option(m.id().toString(), m.name(), false))
                        .toList(),
                error,
                CaseViews.DAY.format(LocalDate.now(clock).plusDays(14)),
                d.isReportCategory(),
                d.isRegistered(),
                views.signatures(c, locale),
                views.submittedBy(c, locale),
                transfers.targets(c).stream()
                        .map(t -> new WorkbenchView.Option(t.slug(), t.name(), false))
                        .toList(),
                transfers
                        .line(c)
                        .map(line -> new StaffCaseView.Transfer(
                                text(line.messageKey(), locale, line.municipality(), line.reference()),
                                line.reason(),
                                line.provision()))
                        .orElse(null),
                fees(c, d, locale));
    }

    /** Before the decision the fees the taxa gives; after it the fees charged. */
    private List<StaffCaseView.Fee> fees(StoredCase c, CaseTypeDefinition d, Locale locale) {
        if (c.closed()) {
            return charges.of(c.id()).stream()
                    .map(f -> new StaffCaseView.Fee(
                            f.code(),
                            f.name(),
                            Kronor.format(f.amount()),
                            text("fee.charged." + f.charged().name(), locale)
                                    + (f.endedOn() == null
                                            ? ""
                                            : ", "
                                                    + text(
                                                            "fee.ended",
                                                            locale,
                                                            f.endedOn().toString())),
                            null,
                            f.adjustmentReason() == null
                                    ? null
                                    : text(
                                            "fee.adjusted",
                                            locale,
                                            f.computedAmount() == null
                                                    ? text("fee.not-computed", locale)
                                                    : Kronor.format(f.computedAmount()),
                                            f.adjustmentReason()),
                            true,
                            f.running()))
                    .toList();
        }
        return charges.preview(d, c.answers()).stream()
                .map(f -> new StaffCaseView.Fee(
                        f.code(),
                        f.name(),
                        f.amount() == null ? null : Kronor.format(f.amount()),
                        text("fee.charged." + f.charged().name(), locale)
                                + (f.results().isEmpty()
                                        ? ""
                                        : ": "
                                                + f.results().stream()
                                                        .map(r -> d.result(r)
                                                                .map(x ->
                                                                        x.name().in(locale))
                                                                .orElse(r))
                                                        .collect(java.util.stream.Collectors.joining(", ")))
                                + (f.months() == null ? "" : " " + text("fee.months", locale, f.months())),
                        f.problemKey() == null
                                ? null
                                : text(
                                        f.problemKey(),
                                        locale,
                                        f.problemArguments().toArray()),
                        null,
                        false,
                        false))
                .toList();
    }

    /** The officer's own fee amounts from the decision form: avgift-{code} and avgift-{code}-skal. */
    private static Map<String, ChargeOrder.Adjustment> adjustments(Map<String, String> form) {
        Map<String, ChargeOrder.Adjustment> adjustments = new java.util.LinkedHashMap<>();
        for (var field : form.entrySet()) {
            String name = field.getKey();
            if (!name.startsWith("avgift-") || name.endsWith("-skal") || blank(field.getValue()) == null) {
                continue;
            }
            String code = name.substring("avgift-".length());
            BigDecimal amount = Kronor.parse(field.getValue());
            // an amount that is none is refused by the charge, with the fee named
            adjustments.put(
                    code,
                    new ChargeOrder.Adjustment(
                            amount == null ? BigDecimal.ONE.negate() : amount, blank(form.get(name + "-skal"))));
        }
        return adjustments;
    }

    private List<StaffDirectory.Member> colleagues(StoredCase c) {
        var unit = tenants.unit(CurrentTenant.require(), c.unit()).orElseThrow();
        List<String> ids = new ArrayList<>(List.of(unit.id().toString()));
        if (unit.parentCode() != null) {
            tenants.unit(CurrentTenant.require(), unit.parentCode()).ifPresent(p -> ids.add(p.id().toString()));
        }
        return directory.withRole(ids, StaffRole.CASE_OFFICER);
    }

    /** The case, if this staff member may see it; else 404, audited. */
    private StoredCase visible(SignedInUser.Staff staff, UUID id) {
        return staffCases.visible(staff, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static CaseWork.Worker worker(SignedInUser.Staff staff) {
        return new CaseWork.Worker(staff.auditId(), staff.displayName());
    }

    private CaseType type(StoredCase c) {
        return type(CurrentTenant.require(), c);
    }

    private CaseType type(TenantId tenant, StoredCase c) {
        return catalog.version(tenant, c.caseType(), c.caseTypeVersion()).orElseThrow();
    }

    private static String staffStatus(CaseType type, String status, Locale locale) {
        return type.definition().status(status).map(s -> s.staff().in(locale)).orElse(status);
    }

    private static String statusLabel(List<CaseType> types, String code, Locale locale) {
        return types.stream()
                .flatMap(t -> t.definition().status(code).stream())
                .findFirst()
                .map(s -> s.staff().in(locale))
                .orElse(code);
    }

    private static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
