package se.samla.cases;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
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
import se.samla.cases.view.CaseView;
import se.samla.cases.view.CoSignView;
import se.samla.catalog.CaseType;
import se.samla.catalog.Catalog;
import se.samla.catalog.FieldType;
import se.samla.identity.ESignatures;
import se.samla.identity.PopulationRegister;
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.Tenants;
import tools.jackson.databind.json.JsonMapper;

/**
 * A guardian's request, in Mina sidor, to sign an application for their child that the other guardian sent: what
 * was signed, to the letter, and the choice to sign it with e-ID or to decline.
 */
@Controller
class CoSigningController {

    private final ApplicationSignatures signatures;
    private final ESignatures eSignatures;
    private final SignMessages signMessages;
    private final Catalog catalog;
    private final Tenants tenants;
    private final PopulationRegister population;
    private final MessageSource messages;
    private final JsonMapper json;

    CoSigningController(
            ApplicationSignatures signatures,
            ESignatures eSignatures,
            SignMessages signMessages,
            Catalog catalog,
            Tenants tenants,
            PopulationRegister population,
            MessageSource messages,
            JsonMapper json) {
        this.signatures = signatures;
        this.eSignatures = eSignatures;
        this.signMessages = signMessages;
        this.catalog = catalog;
        this.tenants = tenants;
        this.population = population;
        this.messages = messages;
        this.json = json;
    }

    @GetMapping("/mina-sidor/underskrifter/{id}")
    String request(@PathVariable String id, Model model) {
        return page(Requests.id(id), null, model);
    }

    @PostMapping("/mina-sidor/underskrifter/{id}/signera")
    String sign(@PathVariable String id, HttpServletRequest request) {
        var resident = Requests.resident();
        UUID requestId = Requests.id(id);
        var found = signatures.read(requestId, resident).orElseThrow(ApplicationSignatures.NotOpen::new);
        if (!signatures.isOpen(found.signature())) {
            throw new ApplicationSignatures.NotOpen();
        }
        CaseType type = type(found);
        var summary = found.signature().applicationSummary();
        return "redirect:"
                + eSignatures.start(
                        request,
                        resident,
                        new ESignatures.SignRequest(
                                summary.digest(),
                                signMessages.guardian(
                                        tenants.byId(resident.tenantId()).orElseThrow(), type, found.sender(), summary),
                                "/mina-sidor/underskrifter/" + requestId + "/signerad"));
    }

    @GetMapping("/mina-sidor/underskrifter/{id}/signerad")
    String signed(
            @PathVariable String id,
            @RequestParam(name = "signering", required = false) String outcomeId,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var resident = Requests.resident();
        UUID requestId = Requests.id(id);
        var outcome = eSignatures.take(request, outcomeId);
        String notice;
        if (outcome.isEmpty()) {
            notice = "signing.notice.gone";
        } else if (outcome.get() instanceof ESignatures.NotSigned notSigned) {
            notice = "co-sign.notice." + notSigned.reason().name();
        } else {
            var found = signatures.read(requestId, resident).orElseThrow(ApplicationSignatures.NotOpen::new);
            try {
                signatures.sign(
                        requestId,
                        resident.identityNumber().digits(),
                        resident.auditId(),
                        ((ESignatures.Signed) outcome.get()).signature(),
                        type(found));
                notice = "co-sign.notice.signed";
            } catch (ApplicationSignatures.NotOpen e) {
                // answered meanwhile, or its time ran out while they were at their e-ID
                notice = "co-sign.notice.closed";
            } catch (CaseIntake.SignedSomethingElse e) {
                notice = "co-sign.notice.changed";
            } catch (CaseIntake.Refused e) {
                response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
                notice = "signing.error.not-guardian";
            }
        }
        return page(requestId, notice, model);
    }

    @PostMapping("/mina-sidor/underskrifter/{id}/avsta")
    String decline(@PathVariable String id, Model model) {
        var resident = Requests.resident();
        UUID requestId = Requests.id(id);
        signatures.decline(requestId, resident.identityNumber().digits(), resident.auditId());
        return page(requestId, "co-sign.notice.declined", model);
    }

    private String page(UUID id, String noticeKey, Model model) {
        var resident = Requests.resident();
        Locale locale = LocaleContextHolder.getLocale();
        var found = signatures.read(id, resident).orElseThrow(ApplicationSignatures.NotOpen::new);
        var signature = found.signature();
        CaseType type = type(found);
        var summary = signature.applicationSummary();
        Map<String, Object> answers = summary.answers(json);
        List<CaseView.Answer> shown = new ArrayList<>();
        type.definition().form().stream()
                .filter(f -> f.type() != FieldType.FILE && answers.get(f.key()) != null)
                .forEach(f -> shown.add(new CaseView.Answer(
                        f.label().in(locale), AnswerText.of(f, answers.get(f.key()), locale, messages))));
        List<CoSignView.File> files = summary.files(json).stream()
                .map(f -> new CoSignView.File(
                        String.valueOf(f.get("name")),
                        FormViews.size(((Number) f.get("bytes")).longValue()),
                        String.valueOf(f.get("sha256"))))
                .toList();
        var coSigning = type.definition().coSigning();
        Object child = coSigning == null ? null : answers.get(coSigning.guardiansOf());
        model.addAttribute(
                "request",
                new CoSignView(
                        signature.id(),
                        type.definition().name().in(locale),
                        found.reference(),
                        found.sender(),
                        child instanceof String number ? population.name(number).orElse("") : "",
                        CaseViews.day(signature.dueAt()),
                        messages.getMessage(
                                "signature.status." + signature.status().name(), null, locale),
                        signatures.isOpen(signature),
                        shown,
                        files,
                        signature.summarySha256(),
                        noticeKey == null ? null : messages.getMessage(noticeKey, null, locale)));
        return "cases/co-sign";
    }

    private CaseType type(ApplicationSignatures.Request found) {
        return catalog.version(CurrentTenant.require(), found.caseType(), found.caseTypeVersion())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
