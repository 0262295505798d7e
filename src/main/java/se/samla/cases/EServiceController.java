package se.samla.cases;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.WebUtils;
import se.samla.cases.view.CatalogueView;
import se.samla.cases.view.EServiceView;
import se.samla.catalog.CaseType;
import se.samla.catalog.CaseTypeDefinition;
import se.samla.catalog.Catalog;
import se.samla.catalog.FieldType;
import se.samla.catalog.FormField;
import se.samla.guide.LifeEventHeadings;
import se.samla.identity.CurrentUser;
import se.samla.identity.ESignatures;
import se.samla.identity.Principal;
import se.samla.identity.Representation;
import se.samla.identity.SignedInUser;
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.TenantLinks;
import se.samla.tenancy.Tenants;

/** The e-service catalogue, each e-service's form, drafts, submission and receipt. */
@Controller
class EServiceController {

    private final Catalog catalog;
    private final FormViews forms;
    private final Drafts drafts;
    private final CaseIntake intake;
    private final MessageSource messages;
    private final ESignatures signatures;
    private final SignMessages signMessages;
    private final Tenants tenants;
    private final Representation representation;
    private final Senders senders;
    private final LifeEventHeadings lifeEvents;

    EServiceController(
            Catalog catalog,
            FormViews forms,
            Drafts drafts,
            CaseIntake intake,
            MessageSource messages,
            ESignatures signatures,
            SignMessages signMessages,
            Tenants tenants,
            Representation representation,
            Senders senders,
            LifeEventHeadings lifeEvents) {
        this.lifeEvents = lifeEvents;
        this.representation = representation;
        this.senders = senders;
        this.signatures = signatures;
        this.signMessages = signMessages;
        this.tenants = tenants;
        this.catalog = catalog;
        this.forms = forms;
        this.drafts = drafts;
        this.intake = intake;
        this.messages = messages;
    }

    @GetMapping("/e-tjanster")
    String catalogue(
            @RequestParam(name = "q", required = false) String query,
            @RequestParam(name = "adress", required = false) String address,
            HttpServletRequest request,
            Model model) {
        Locale locale = LocaleContextHolder.getLocale();
        String q = query == null ? "" : query.strip();
        String where = address == null ? "" : address.strip();
        // with an address, the municipality it lies in answers, and its problem reports count too
        Tenant here = tenants.current();
        Optional<Tenant> addressed = where.isEmpty() ? Optional.empty() : tenants.byAddress(where);
        Tenant answering = addressed.orElse(here);
        boolean elsewhere = !answering.id().equals(here.id());
        String base = elsewhere ? TenantLinks.url(answering, request, "") : null;
        List<CaseType> matching = catalog.current(answering.id()).stream()
                .filter(t -> !where.isEmpty() || !t.definition().isReportCategory())
                .filter(t -> matches(t.definition(), q.toLowerCase(locale), locale))
                .toList();
        // grouped by the tenant's life events; an e-service may belong to several, and one in none is listed under
        // its subject
        Map<String, List<CatalogueView.Service>> groups = new LinkedHashMap<>();
        Map<String, CaseType> byCode = new LinkedHashMap<>();
        matching.forEach(t -> byCode.put(t.code(), t));
        java.util.Set<String> placed = new java.util.HashSet<>();
        for (LifeEventHeadings.Heading heading : lifeEvents.headings(answering.id())) {
            List<CatalogueView.Service> services = heading.caseTypes().stream()
                    .map(byCode::get)
                    .filter(java.util.Objects::nonNull)
                    .sorted(Comparator.comparing(t -> t.definition().name().in(locale)))
                    .map(t -> service(t, locale, elsewhere ? base : null))
                    .toList();
            if (!services.isEmpty()) {
                groups.computeIfAbsent(heading.name().in(locale), k -> new ArrayList<>())
                        .addAll(services);
                services.forEach(service -> placed.add(service.code()));
            }
        }
        matching.stream()
                .filter(t -> !placed.contains(t.code()))
                .sorted(Comparator.comparing(t -> t.definition().category()))
                .forEach(t -> groups.computeIfAbsent(
                                text("category." + t.definition().category(), locale), k -> new ArrayList<>())
                        .add(service(t, locale, elsewhere ? base : null)));
        String addressNote = where.isEmpty()
                ? null
                : addressed
                        .map(t -> text(
                                t.id().equals(here.id()) ? "catalogue.address.here" : "catalogue.address.elsewhere",
                                locale,
                                t.name()))
                        .orElse(text("catalogue.address.unknown", locale));
        model.addAttribute(
                "catalogue",
                new CatalogueView(
                        q,
                        groups.entrySet().stream()
                                .map(e -> new CatalogueView.Group(e.getKey(), e.getValue()))
                                .toList(),
                        matching.size(),
                        where,
                        addressNote,
                        elsewhere ? answering.name() : null));
        return "cases/catalogue";
    }

    /** One e-service in the catalogue; at another municipality (base given) its full address there. */
    private static CatalogueView.Service service(CaseType type, Locale locale, String base) {
        String path = (type.definition().isReportCategory() ? "/felanmalan/ny/" : "/e-tjanster/") + type.code();
        return new CatalogueView.Service(
                type.code(),
                type.definition().name().in(locale),
                type.definition().description() == null
                        ? ""
                        : type.definition().description().in(locale),
                type.definition().startedBy() != CaseTypeDefinition.Starter.ANYONE,
                base != null ? base + path : path);
    }

    /** Words that say what someone wants rather than what about: left out of a search. */
    private static final java.util.Set<String> FILLER = java.util.Set.of(
            "jag", "vill", "en", "ett", "att", "och", "om", "min", "mitt", "mina", "för", "på", "i", "till", "som",
            "det", "har", "kan", "behöver", "göra", "anmäla", "ansöka", "söka", "vi", "vår", "vårt", "är");

    private static boolean matches(CaseTypeDefinition d, String q, Locale locale) {
        if (q.isEmpty()) {
            return true;
        }
        String haystack = String.join(
                        " ",
                        d.name().sv(),
                        String.valueOf(d.name().en()),
                        d.description() == null ? "" : d.description().in(locale),
                        String.join(" ", d.keywords()))
                .toLowerCase(locale);
        return java.util.Arrays.stream(q.split("[\\s,.!?]+"))
                .filter(word -> !word.isBlank() && !FILLER.contains(word))
                .allMatch(haystack::contains);
    }

    @GetMapping("/e-tjanster/{code}")
    String eService(@PathVariable String code, Model model) {
        CaseType type = type(code);
        var d = type.definition();
        Locale locale = LocaleContextHolder.getLocale();
        boolean hasDraft =
                resident().map(r -> drafts.find(r.personId(), code).isPresent()).orElse(false);
        model.addAttribute(
                "service",
                new EServiceView(
                        code,
                        d.name().in(locale),
                        d.description() == null ? "" : d.description().in(locale),
                        d.plainLanguage() == null ? null : d.plainLanguage().in(locale),
                        d.unit(),
                        d.startedBy() != CaseTypeDefinition.Starter.ANYONE,
                        d.assuranceLevel(),
                        d.serviceNormDays(),
                        d.confidentiality().level().reaches(se.samla.shared.Confidentiality.CONFIDENTIAL),
                        hasDraft));
        return "cases/eservice";
    }

    @GetMapping("/e-tjanster/{code}/formular")
    String form(@PathVariable String code, HttpServletRequest request, Model model) {
        CaseType type = type(code);
        return formPage(type, requireStarter(type), null, request, model);
    }

    /** The form, with the resident's draft when there is one, and a notice of what happened (or of the draft). */
    private String formPage(
            CaseType type,
            java.util.Optional<SignedInUser.Resident> resident,
            String notice,
            HttpServletRequest request,
            Model model) {
        // a draft is shown only to whom it was started for: never one person's answers sent in another's name
        var principal = resident.map(r -> principalValue(representation.current(request, r)));
        var found = resident.flatMap(r -> drafts.find(r.personId(), type.code()));
        var draft = found.filter(d -> d.isFor(principal.orElse(""), selfValue(resident.get())));
        if (found.isPresent() && draft.isEmpty() && notice == null) {
            notice = text("acting-for.draft-elsewhere", locale());
        }
        var submission = CaseIntake.Submission.ofRequest(
                draft.map(Drafts.Draft::submissionId).orElseGet(UUID::randomUUID), request);
        Map<String, List<String>> values = draft.map(Drafts.Draft::values).orElse(Map.of());
        String shown = notice != null
                ? notice
                : draft.map(d -> d.version() != type.version()
                                ? text("form.notice.changed", locale())
                                : text("form.notice.draft-resumed", locale()))
                        .orElse(null);
        List<Attachment> pending = draft.isPresent() ? pending(submission) : List.of();
        model.addAttribute(
                "form",
                forms.build(
                        type,
                        submission.id(),
                        values,
                        List.of(),
                        pending,
                        resident.isPresent(),
                        shown,
                        draft.map(Drafts.Draft::expiresAt).orElse(null),
                        locale()));
        principal.ifPresent(value -> model.addAttribute("principal", value));
        return "cases/form";
    }

    /**
     * One post does it all, with or without JavaScript: files are kept with the submission as they come,
     * "spara" keeps a draft, and anything else sends the form. A form posted without files (urlencoded) works too.
     */
    @PostMapping("/e-tjanster/{code}/formular")
    String submit(
            @PathVariable String code,
            @RequestParam("submissionId") String submissionIdText,
            @RequestParam(name = "version", defaultValue = "0") int version,
            @RequestParam(name = "action", defaultValue = "skicka") String action,
            @RequestParam(name = "remove", required = false) List<String> remove,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        CaseType type = type(code);
        var resident = requireStarter(type);
        var submission = CaseIntake.Submission.ofRequest(uuid(submissionIdText), request);
        var sent = intake.alreadyOpened(submission);
        if (sent.isPresent()) {
            // sent already (a double click, a retry): its receipt
            return "redirect:/e-tjanster/kvitto/" + sent.get().caseId();
        }
        Map<String, List<String>> values = new HashMap<>();
        request.getParameterMap().forEach((name, given) -> {
            if (name.startsWith("f.")) {
                values.put(name.substring(2), List.of(given));
            }
        });
        if (remove != null) {
            intake.discardPending(
                    submission, remove.stream().map(EServiceController::uuid).toList());
        }
        List<FieldError> errors = new ArrayList<>();
        var multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        if (multipart != null) {
            MultiValueMap<String, MultipartFile> files = multipart.getMultiFileMap();
            for (FormField field : type.definition().form()) {
                if (field.type() != FieldType.FILE) {
                    continue;
                }
                for (MultipartFile file : files.getOrDefault("f." + field.key(), List.of())) {
                    if (!file.isEmpty()) {
                        FieldError refused = intake.receiveFile(
                                submission,
                                type.code(),
                                new CaseIntake.NewFile(
                                        field.key(), file.getOriginalFilename(), file.getSize(), file::getInputStream));
                        if (refused != null) {
                            errors.add(refused);
                        }
                    }
                }
            }
        }
        if (version != type.version()) {
            return again(
                    type,
                    submission,
                    values,
                    errors,
                    resident.isPresent(),
                    text("form.notice.changed", locale()),
                    response,
                    model);
        }
        if ("spara".equals(action)) {
            var r = resident.orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
            Drafts.Draft saved;
            try {
                saved = intake.saveDraft(
                        submission, r.personId(), code, values, principalValue(representation.current(request, r)));
            } catch (CaseIntake.Refused refused) {
                return again(type, submission, values, refused.errors(), true, null, response, model);
            }
            model.addAttribute(
                    "form",
                    forms.build(
                            type,
                            submission.id(),
                            values,
                            errors,
                            pending(submission),
                            true,
                            text("form.notice.draft-saved", locale(), CaseViews.day(saved.expiresAt())),
                            saved.expiresAt(),
                            locale()));
            return "cases/form";
        }
        if (!errors.isEmpty()) {
            errors.addAll(intake.check(type.code(), values, submission));
            return again(type, submission, values, errors, resident.isPresent(), null, response, model);
        }
        Senders.Sender acting = sender(type, resident, request, request.getParameter("principal"));
        if (acting.refusal() != null) {
            return again(type, submission, values, List.of(), resident.isPresent(), refusal(acting), response, model);
        }
        var application = new CaseIntake.Application(
                type.code(),
                null,
                acting.reporter(),
                submission,
                values,
                List.of(),
                CaseIntake.Channel.E_SERVICE,
                null,
                acting.onBehalf());
        var signing = type.definition().signing();
        if (signing == CaseTypeDefinition.Signing.REQUIRED
                || (signing == CaseTypeDefinition.Signing.OPTIONAL && "signera".equals(action))) {
            // the answers wait as a draft while the resident signs at their e-ID provider
            var r = resident.orElseThrow(() -> new InsufficientAuthenticationException("signing needs a login"));
            ApplicationSummary summary;
            try {
                intake.saveDraft(submission, r.personId(), code, values, acting.principal());
                summary = intake.toSign(application);
            } catch (CaseIntake.Refused refused) {
                return again(type, submission, values, refused.errors(), true, null, response, model);
            }
            return "redirect:"
                    + signatures.start(
                            request,
                            r,
                            new ESignatures.SignRequest(
                                    summary.digest(),
                                    signMessages.applicant(
                                            tenants.byId(r.tenantId()).orElseThrow(),
                                            type,
                                            summary,
                                            acting.onBehalf() == null
                                                    ? null
                                                    : acting.reporter().name()),
                                    "/e-tjanster/" + code + "/signerad",
                                    acting.principal()));
        }
        try {
            var opened = intake.open(application);
            return "redirect:/e-tjanster/kvitto/" + opened.caseId();
        } catch (CaseIntake.Refused refused) {
            return again(type, submission, values, refused.errors(), resident.isPresent(), null, response, model);
        }
    }

    /**
     * Back from signing: a signed application is sent with its signature, from the draft it waited in; anything else
     * leaves the draft and says why on the form.
     */
    @GetMapping("/e-tjanster/{code}/signerad")
    String signed(
            @PathVariable String code,
            @RequestParam(name = "signering", required = false) String outcomeId,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        CaseType type = type(code);
        var resident = requireStarter(type);
        var r = resident.orElseThrow(() -> new InsufficientAuthenticationException("signing needs a login"));
        var outcome = signatures.take(request, outcomeId);
        // whom the application was signed for must be whom the resident may act for now
        Senders.Sender acting = sender(
                type,
                resident,
                request,
                outcome.map(ESignatures.Outcome::context).orElse(""));
        if (outcome.isPresent() && acting.refusal() != null) {
            return formPage(type, resident, refusal(acting), request, model);
        }
        var draft = drafts.find(r.personId(), code).filter(d -> d.isFor(acting.principal(), selfValue(r)));
        if (outcome.isEmpty() || draft.isEmpty()) {
            return formPage(type, resident, text("signing.notice.gone", locale()), request, model);
        }
        if (outcome.get() instanceof ESignatures.NotSigned notSigned) {
            return formPage(
                    type, resident, text("signing.notice." + notSigned.reason().name(), locale()), request, model);
        }
        var signature = ((ESignatures.Signed) outcome.get()).signature();
        var submission = CaseIntake.Submission.ofRequest(draft.get().submissionId(), request);
        var values = draft.get().values();
        try {
            var opened = intake.openSigned(
                    new CaseIntake.Application(
                            type.code(),
                            null,
                            acting.reporter(),
                            submission,
                            values,
                            List.of(),
                            CaseIntake.Channel.E_SERVICE,
                            null,
                            acting.onBehalf()),
                    signature);
            return "redirect:/e-tjanster/kvitto/" + opened.caseId();
        } catch (CaseIntake.SignedSomethingElse e) {
            return formPage(type, resident, text("signing.notice.changed", locale()), request, model);
        } catch (CaseIntake.Refused refused) {
            return again(type, submission, values, refused.errors(), true, null, response, model);
        }
    }

    /** Who sends the application, as whom the resident acts for now (checked against its register). */
    private Senders.Sender sender(
            CaseType type,
            java.util.Optional<SignedInUser.Resident> resident,
            HttpServletRequest request,
            String expected) {
        return senders.of(
                type,
                resident,
                resident.map(r -> representation.current(request, r)).orElse(null),
                expected);
    }

    /** Why the application may not be sent as it is, in the reader's language; null when it may. */
    private String refusal(Senders.Sender sender) {
        var refused = sender.refusal();
        return refused == null
                ? null
                : text(refused.messageKey(), locale(), refused.args().toArray());
    }

    private static String selfValue(SignedInUser.Resident resident) {
        return principalValue(Principal.self(resident));
    }

    private static String principalValue(Principal p) {
        return Senders.value(p);
    }

    private List<Attachment> pending(CaseIntake.Submission submission) {
        return intake.pendingFiles(submission).stream()
                .map(p -> new Attachment(
                        p.id(), null, p.fieldKey(), p.filename(), p.contentType(), p.sizeBytes(), null, null))
                .toList();
    }

    private String again(
            CaseType type,
            CaseIntake.Submission submission,
            Map<String, List<String>> values,
            List<FieldError> errors,
            boolean canSaveDraft,
            String notice,
            HttpServletResponse response,
            Model model) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        var request = ((org.springframework.web.context.request.ServletRequestAttributes)
                        org.springframework.web.context.request.RequestContextHolder.currentRequestAttributes())
                .getRequest();
        resident().ifPresent(r -> model.addAttribute("principal", principalValue(representation.chosen(request, r))));
        model.addAttribute(
                "form",
                forms.build(
                        type,
                        submission.id(),
                        values,
                        errors,
                        pending(submission),
                        canSaveDraft,
                        notice,
                        null,
                        locale()));
        return "cases/form";
    }

    /** An e-service's case type; report categories are reported on the map, not through a form here. */
    private CaseType type(String code) {
        return catalog.current(CurrentTenant.require(), code)
                .filter(t -> !t.definition().isReportCategory())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such e-service"));
    }

    /** The resident, when there is one; a case type that needs a login sends others to log in. */
    private java.util.Optional<SignedInUser.Resident> requireStarter(CaseType type) {
        var resident = resident();
        var d = type.definition();
        if (d.startedBy() == CaseTypeDefinition.Starter.ANYONE) {
            return resident;
        }
        var r = resident.orElseThrow(() -> new InsufficientAuthenticationException("this e-service needs a login"));
        if (r.assuranceLevelNumber() < d.assuranceLevel()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "the login's assurance level is too low");
        }
        return resident;
    }

    private static java.util.Optional<SignedInUser.Resident> resident() {
        return CurrentUser.get().filter(SignedInUser.Resident.class::isInstance).map(SignedInUser.Resident.class::cast);
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not an id");
        }
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
