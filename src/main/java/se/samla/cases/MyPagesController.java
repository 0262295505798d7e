package se.samla.cases;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
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
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.server.ResponseStatusException;
import se.samla.cases.view.CaseView;
import se.samla.cases.view.MyPagesView;
import se.samla.catalog.CaseType;
import se.samla.catalog.Catalog;
import se.samla.catalog.FieldType;
import se.samla.catalog.FormField;
import se.samla.identity.CurrentUser;
import se.samla.identity.SignedInUser;
import se.samla.shared.Confidentiality;
import se.samla.shared.CurrentTenant;
import se.samla.shared.TenantId;
import se.samla.tenancy.TenantLinks;
import se.samla.web.FieldView;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mina sidor: the resident's cases and drafts, each case with its timeline, answers and files, and the
 * receipt after submitting. A resident reaches only their own cases: any other id answers 404, audited.
 */
@Controller
class MyPagesController {

    private final CaseQueries cases;
    private final Drafts drafts;
    private final Attachments attachments;
    private final Catalog catalog;
    private final ResidentCases residents;
    private final MessageSource messages;
    private final CaseViews views;
    private final CaseWork work;
    private final se.samla.tenancy.Tenants tenants;
    private final CaseIntake intake;
    private final Clock clock;
    private final JsonMapper jsonMapper;

    MyPagesController(
            CaseQueries cases,
            Drafts drafts,
            Attachments attachments,
            Catalog catalog,
            ResidentCases residents,
            MessageSource messages,
            CaseViews views,
            CaseWork work,
            se.samla.tenancy.Tenants tenants,
            CaseIntake intake,
            se.samla.web.ToDoList toDo,
            se.samla.identity.Representation representation,
            ResidentElsewhere residentElsewhere,
            DecisionForecasts forecasts,
            Clock clock,
            JsonMapper jsonMapper) {
        this.residentElsewhere = residentElsewhere;
        this.forecasts = forecasts;
        this.representation = representation;
        this.toDo = toDo;
        this.intake = intake;
        this.tenants = tenants;
        this.views = views;
        this.work = work;
        this.cases = cases;
        this.drafts = drafts;
        this.attachments = attachments;
        this.catalog = catalog;
        this.residents = residents;
        this.messages = messages;
        this.clock = clock;
        this.jsonMapper = jsonMapper;
    }

    private final se.samla.web.ToDoList toDo;
    private final se.samla.identity.Representation representation;
    private final ResidentElsewhere residentElsewhere;
    private final DecisionForecasts forecasts;

    @GetMapping("/mina-sidor")
    String myPages(HttpServletRequest request, Model model) {
        var resident = Requests.resident();
        Locale locale = LocaleContextHolder.getLocale();
        var principal = principal(resident);
        var all = residents.read(resident, principal, "PERSONAL_DATA_READ", Map.of("page", "mina-sidor"));
        List<MyPagesView.Row> ongoing = new ArrayList<>();
        List<MyPagesView.Row> closed = new ArrayList<>();
        for (StoredCase c : all) {
            (c.closed() ? closed : ongoing).add(row(CurrentTenant.require(), c, locale));
        }
        // the rest of the region (the service decides whether it is shown at all)
        List<MyPagesView.Elsewhere> elsewhere = new ArrayList<>();
        for (var there : residentElsewhere.of(resident, principal, locale)) {
            List<MyPagesView.Row> theirOngoing = new ArrayList<>();
            List<MyPagesView.Row> theirClosed = new ArrayList<>();
            for (StoredCase c : there.cases()) {
                (c.closed() ? theirClosed : theirOngoing).add(row(there.tenant().id(), c, locale));
            }
            elsewhere.add(new MyPagesView.Elsewhere(
                    there.tenant().name(),
                    TenantLinks.url(there.tenant(), request, ""),
                    theirOngoing,
                    theirClosed,
                    there.drafts().stream()
                            .map(d -> draft(there.tenant().id(), d, locale))
                            .toList(),
                    there.holdings().stream()
                            .map(h -> new MyPagesView.Section(
                                    messages.getMessage(h.headingKey(), null, locale), h.more(), h.items()))
                            .toList()));
        }
        var myDrafts = drafts.of(resident.personId()).stream()
                .map(d -> draft(CurrentTenant.require(), d, locale))
                .toList();
        model.addAttribute(
                "mine",
                new MyPagesView(
                        resident.displayName(),
                        resident.identityNumber().masked(),
                        ongoing,
                        closed,
                        myDrafts,
                        toDo.view(resident, principal, locale),
                        tenants.current().name(),
                        elsewhere));
        return "cases/my-pages";
    }

    private MyPagesView.Row row(TenantId tenant, StoredCase c, Locale locale) {
        CaseType type =
                catalog.version(tenant, c.caseType(), c.caseTypeVersion()).orElseThrow();
        return new MyPagesView.Row(
                c.id().toString(),
                c.reference(),
                type.definition().name().in(locale),
                residentStatus(type, c.status(), locale),
                CaseViews.day(c.submittedAt()),
                c.closed() ? null : CaseViews.DAY.format(c.plannedDecisionOn()),
                c.sentOnBehalf() ? text("acting-for.submitted-by", locale, c.actorName(), c.applicantName()) : null);
    }

    private MyPagesView.Draft draft(TenantId tenant, Drafts.Draft d, Locale locale) {
        return new MyPagesView.Draft(
                d.caseType(),
                catalog.current(tenant, d.caseType())
                        .map(t -> t.definition().name().in(locale))
                        .orElse(d.caseType()),
                CaseViews.day(d.updatedAt()),
                CaseViews.day(d.expiresAt()));
    }

    /** What staff did with the resident's cases: when, which case, what, and through which unit; never who. */
    @GetMapping("/mina-sidor/atkomst")
    String accessLog(Model model) {
        var resident = Requests.resident();
        model.addAttribute("entries", accessEntries(resident, LocaleContextHolder.getLocale()));
        return "cases/access-log";
    }

    /** Everything Samla holds about the resident, readable (and printable to PDF from the browser). */
    @GetMapping("/mina-sidor/mina-uppgifter")
    String myData(Model model) {
        var resident = Requests.resident();
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute("data", myDataView(resident, locale, "html"));
        return "cases/my-data";
    }

    /** The same, machine-readable. */
    @GetMapping(value = "/mina-sidor/mina-uppgifter.json", produces = "application/json")
    org.springframework.http.ResponseEntity<se.samla.cases.view.MyDataView> myDataJson() {
        var resident = Requests.resident();
        var data = myDataView(resident, LocaleContextHolder.getLocale(), "json");
        return org.springframework.http.ResponseEntity.ok()
                .header(
                        org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"mina-uppgifter.json\"")
                .header(org.springframework.http.HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(data);
    }

    private se.samla.cases.view.MyDataView myDataView(SignedInUser.Resident resident, Locale locale, String format) {
        var all = residents.read(resident, "PERSONAL_DATA_EXPORTED", Map.of("format", format));
        var caseViews = all.stream().map(c -> view(c, locale)).toList();
        var myDrafts = drafts.of(resident.personId()).stream()
                .map(d -> new se.samla.cases.view.MyDataView.Draft(
                        catalog.current(CurrentTenant.require(), d.caseType())
                                .map(t -> t.definition().name().in(locale))
                                .orElse(d.caseType()),
                        CaseViews.day(d.updatedAt()),
                        CaseViews.day(d.expiresAt()),
                        d.values()))
                .toList();
        return new se.samla.cases.view.MyDataView(
                java.time.OffsetDateTime.now(clock).withNano(0).toString(),
                resident.displayName(),
                resident.identityNumber().digits(),
                caseViews,
                myDrafts,
                accessEntries(resident, locale));
    }

    private static final java.util.Set<String> STAFF_ACTIONS = java.util.Set.of(
            "CASE_OPENED",
            "FILE_DOWNLOADED",
            "REGISTER_OPENED",
            "DOCUMENT_READ_FOR_REQUEST",
            "ARCHIVE_PACKAGE_MADE",
            "CASE_DISPOSED");

    private List<se.samla.cases.view.MyDataView.Access> accessEntries(SignedInUser.Resident resident, Locale locale) {
        var all =
                cases.ofApplicant(resident.personId(), resident.identityNumber().digits());
        Map<String, StoredCase> byId = new java.util.HashMap<>();
        all.forEach(c -> byId.put(c.id().toString(), c));
        List<se.samla.cases.view.MyDataView.Access> entries = new ArrayList<>();
        for (var e : residents.staffAccess(byId.keySet(), STAFF_ACTIONS)) {
            if (!"staff".equals(e.actorType()) && !"system".equals(e.actorType())) {
                continue;
            }
            StoredCase c = byId.get(e.objectId());
            String unitCode = detail(e.details(), "unit");
            String unit = unitCode != null
                    ? tenants.unit(CurrentTenant.require(), unitCode)
                            .map(u -> u.name().in(locale))
                            .orElse(unitCode)
                    : messages.getMessage(
                            "access.unit." + ("system".equals(e.actorType()) ? "system" : "registry"), null, locale);
            entries.add(new se.samla.cases.view.MyDataView.Access(
                    CaseViews.minute(e.occurredAt()),
                    c.reference(),
                    messages.getMessage("access.action." + e.action(), null, e.action(), locale),
                    unit));
        }
        return entries;
    }

    private String detail(String json, String key) {
        try {
            var node = jsonMapper.readTree(json == null ? "{}" : json).get(key);
            return node == null ? null : node.asString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    @GetMapping("/mina-sidor/arenden/{id}")
    String oneCase(@PathVariable UUID id, Model model) {
        var resident = Requests.resident();
        StoredCase c = residents
                .open(resident, principal(resident), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("item", view(c, LocaleContextHolder.getLocale()));
        model.addAttribute("error", null);
        return "cases/case";
    }

    @PostMapping("/mina-sidor/arenden/{id}/meddelande")
    String message(@PathVariable UUID id, @RequestParam String body, HttpServletResponse response, Model model) {
        var resident = Requests.resident();
        StoredCase c = act(resident, id);
        if (body.isBlank() || body.length() > 10_000) {
            return again(c, "work.error.message", response, model);
        }
        work.message(c, false, body.strip(), author(resident));
        return "redirect:/mina-sidor/arenden/" + c.id();
    }

    /** The resident answers a completion request with text and, if they like, files. */
    @PostMapping("/mina-sidor/arenden/{id}/komplettering/{request}")
    String complete(
            @PathVariable UUID id,
            @PathVariable UUID request,
            @RequestParam String answer,
            @RequestParam String submissionId,
            HttpServletRequest multipart,
            HttpServletResponse response,
            Model model) {
        var resident = Requests.resident();
        StoredCase c = act(resident, id);
        UUID submission = Requests.id(submissionId);
        // the files go to this case: only a submission this resident started can bring them
        var sender = CaseIntake.Submission.ofRequest(submission, multipart);
        intake.claim(sender);
        if (answer.isBlank() || answer.length() > 10_000) {
            return again(c, "work.error.answer", response, model);
        }
        var m = org.springframework.web.util.WebUtils.getNativeRequest(multipart, MultipartHttpServletRequest.class);
        List<org.springframework.web.multipart.MultipartFile> files =
                m == null ? List.of() : m.getMultiFileMap().getOrDefault("files", List.of());
        for (var file : files) {
            if (!file.isEmpty()) {
                FieldError refused = intake.receiveCompletionFile(
                        sender,
                        new CaseIntake.NewFile(
                                COMPLETION_FILES.key(),
                                file.getOriginalFilename(),
                                file.getSize(),
                                file::getInputStream));
                if (refused != null) {
                    intake.discardAll(sender);
                    response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
                    model.addAttribute("item", view(c, LocaleContextHolder.getLocale()));
                    model.addAttribute(
                            "error",
                            messages.getMessage(
                                    refused.messageKey(), refused.args().toArray(), LocaleContextHolder.getLocale()));
                    return "cases/case";
                }
            }
        }
        try {
            work.answerCompletion(c, request, answer.strip(), submission, author(resident));
        } catch (IllegalCaseChangeException e) {
            return again(c, e.messageKey(), response, model);
        } catch (StaleCaseException e) {
            return again(c, "work.error.stale", response, model);
        }
        return "redirect:/mina-sidor/arenden/" + c.id();
    }

    /** Files sent with an answer to a completion request. */
    static final FormField COMPLETION_FILES = FormField.files(
            "komplettering",
            new se.samla.shared.LocalizedText("Komplettering", "Completion"),
            10,
            10,
            List.of("application/pdf", "image/jpeg", "image/png"));

    private String again(StoredCase c, String messageKey, HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute("item", view(c, LocaleContextHolder.getLocale()));
        model.addAttribute("error", messages.getMessage(messageKey, null, messageKey, LocaleContextHolder.getLocale()));
        return "cases/case";
    }

    @GetMapping("/mina-sidor/arenden/{id}/filer/{file}")
    ResponseEntity<InputStreamResource> file(@PathVariable UUID id, @PathVariable UUID file) throws IOException {
        var resident = Requests.resident();
        StoredCase c = own(resident, id);
        var stored =
                attachments.content(c.id(), file).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        residents.fileDownloaded(resident, c.id(), stored.attachment().id());
        return Requests.inline(stored, attachments.open(stored));
    }

    @GetMapping("/e-tjanster/kvitto/{id}")
    String receipt(@PathVariable UUID id, HttpServletRequest request, Model model) {
        UUID caseId = id;
        var resident = CurrentUser.get()
                .filter(SignedInUser.Resident.class::isInstance)
                .map(SignedInUser.Resident.class::cast);
        var sender = CaseIntake.Submission.ofRequest(caseId, request).owner();
        StoredCase c = cases.byId(caseId)
                .filter(found -> intake.sentBy(found.id(), sender)
                        || resident.map(r -> isApplicant(r, found)).orElse(false))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("item", view(c, LocaleContextHolder.getLocale()));
        model.addAttribute("mine", resident.isPresent());
        return "cases/receipt";
    }

    private CaseView view(StoredCase c, Locale locale) {
        CaseType type = type(c);
        var definition = type.definition();
        List<CaseView.Step> timeline = cases.history(c.id()).stream()
                .map(h -> new CaseView.Step(CaseViews.minute(h.at()), residentStatus(type, h.toStatus(), locale)))
                .toList();
        var files = attachments.ofCase(c.id());
        List<CaseView.Answer> answers = new ArrayList<>();
        for (FormField field : definition.form()) {
            Object answer = c.answers().get(field.key());
            if (answer == null || field.type() == FieldType.FILE) {
                continue;
            }
            answers.add(new CaseView.Answer(field.label().in(locale), AnswerText.of(field, answer, locale, messages)));
        }
        CaseViews.writtenMessage(c, definition)
                .ifPresent(
                        m -> answers.add(0, new CaseView.Answer(messages.getMessage("case.written", null, locale), m)));
        return new CaseView(
                c.id(),
                c.reference(),
                definition.name().in(locale),
                residentStatus(type, c.status(), locale),
                c.closed(),
                CaseViews.minute(c.submittedAt()),
                c.closed() ? null : CaseViews.DAY.format(c.plannedDecisionOn()),
                timeline,
                answers,
                files.stream()
                        .map(a -> new FieldView.File(a.id(), a.filename(), FormViews.size(a.sizeBytes())))
                        .toList(),
                c.confidentiality().reaches(Confidentiality.CONFIDENTIAL),
                views.messages(c.id()),
                views.completions(c.id()),
                views.decision(c.id(), type, locale),
                UUID.randomUUID(),
                !c.closed() || c.keep() == null
                        ? null
                        : c.keep()
                                ? text("case.retention.keep", locale)
                                : c.disposalOn() == null
                                        ? null
                                        : text("case.retention.dispose", locale, CaseViews.DAY.format(c.disposalOn())),
                views.signatures(c, locale),
                views.submittedBy(c, locale),
                views.meetings(c.id(), locale),
                c.closed()
                        ? null
                        : forecasts
                                .forecast(c.id(), c.caseType(), c.unit(), c.submittedAt())
                                .filter(day -> !day.equals(c.plannedDecisionOn()))
                                .map(CaseViews.DAY::format)
                                .orElse(null));
    }

    /** A case of whom the resident acts for, as the right to act stands now; else not found. */
    private StoredCase own(SignedInUser.Resident resident, UUID id) {
        return residents
                .own(resident, principal(resident), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** Who writes: the resident, and for whom when they act for someone ("Erik Provare för Anna Testsson"). */
    private CaseWork.Worker author(SignedInUser.Resident resident) {
        var principal = principal(resident);
        return new CaseWork.Worker(
                resident.auditId(),
                principal.isSelf()
                        ? resident.displayName()
                        // in Swedish, as every name in the case's record is
                        : messages.getMessage(
                                "acting-for.author",
                                new Object[] {resident.displayName(), principal.name()},
                                java.util.Locale.forLanguageTag("sv")));
    }

    /** A case of whom the resident acts for, to write in or answer for; else not found. */
    private StoredCase act(SignedInUser.Resident resident, UUID id) {
        return residents
                .act(resident, principal(resident), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** Whom the resident acts for in this request, checked again against its register. */
    private se.samla.identity.Principal principal(SignedInUser.Resident resident) {
        var request = ((org.springframework.web.context.request.ServletRequestAttributes)
                        org.springframework.web.context.request.RequestContextHolder.currentRequestAttributes())
                .getRequest();
        return representation.current(request, resident);
    }

    private static boolean isApplicant(SignedInUser.Resident resident, StoredCase c) {
        return ResidentCases.isApplicant(resident, c);
    }

    private CaseType type(StoredCase c) {
        return catalog.version(CurrentTenant.require(), c.caseType(), c.caseTypeVersion())
                .orElseThrow();
    }

    private static String residentStatus(CaseType type, String status, Locale locale) {
        return type.definition()
                .status(status)
                .map(s -> s.resident().in(locale))
                .orElse(status);
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
