package se.samla.records;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
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
import se.samla.records.view.RequestViews;
import se.samla.shared.EmailAddress;
import se.samla.shared.SwedishTime;

/**
 * Anyone asks to see a registered document, with or without a name, and follows the answer with the link
 * they are given: the document, a masked copy, or a refusal that names the OSL provision and says how to appeal.
 */
@Controller
class DocumentRequestController {

    private final DocumentRequests requests;
    private final PublicRegister register;
    private final MessageSource messages;

    DocumentRequestController(DocumentRequests requests, PublicRegister register, MessageSource messages) {
        this.requests = requests;
        this.register = register;
        this.messages = messages;
    }

    @GetMapping("/diarium/begar/{entry}")
    String form(@PathVariable UUID entry, Model model) {
        var e = entry(entry);
        model.addAttribute(
                "form",
                new RequestViews.Form(
                        e.id().toString(), e.reference() + "-" + e.number(), e.description(), "", "", "", List.of()));
        return "records/request-form";
    }

    @PostMapping("/diarium/begar/{entry}")
    String request(
            @PathVariable UUID entry,
            @RequestParam(name = "name", defaultValue = "") String name,
            @RequestParam(name = "email", defaultValue = "") String email,
            @RequestParam(name = "message", defaultValue = "") String message,
            Model model,
            HttpServletResponse response) {
        var e = entry(entry);
        List<String> errors = new ArrayList<>();
        if (name.length() > 200) {
            errors.add("records.request.error.name");
        }
        if (!email.isBlank() && !EmailAddress.isValid(email.strip())) {
            errors.add("records.request.error.email");
        }
        if (message.length() > 2000) {
            errors.add("records.request.error.message");
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute(
                    "form",
                    new RequestViews.Form(
                            e.id().toString(),
                            e.reference() + "-" + e.number(),
                            e.description(),
                            name,
                            email,
                            message,
                            errors.stream().map(this::text).toList()));
            return "records/request-form";
        }
        String token = requests.request(e.id(), blank(name), blank(email), blank(message))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return "redirect:/diarium/begaran/" + token + "?ny=1";
    }

    @GetMapping("/diarium/begaran/{token}")
    String status(@PathVariable String token, @RequestParam(name = "ny", required = false) String isNew, Model model) {
        var r = requests.byToken(token).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute(
                "request",
                new RequestViews.Status(
                        token,
                        r.reference() + "-" + r.number(),
                        r.publicDescription(),
                        r.requestedAt().atZone(SwedishTime.ZONE).toLocalDate().toString(),
                        text("records.request.status." + r.status()),
                        "OPEN".equals(r.status()),
                        "REFUSED".equals(r.status()) ? null : r.releasedText(),
                        r.releasedFile() != null,
                        r.provision(),
                        r.reasons(),
                        r.decidedAt() == null
                                ? null
                                : r.decidedAt()
                                        .atZone(SwedishTime.ZONE)
                                        .toLocalDate()
                                        .toString(),
                        isNew != null));
        return "records/request-status";
    }

    /** The file of a request that released it whole. */
    @GetMapping("/diarium/begaran/{token}/fil")
    ResponseEntity<InputStreamResource> file(@PathVariable String token) {
        var released =
                requests.releasedFile(token).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var r = released.request();
        var file = released.file();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.file().contentType()))
                .contentLength(file.file().sizeBytes())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"handling-"
                                + r.reference().replace(' ', '-').replace('/', '-') + "-" + r.number() + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .body(new InputStreamResource(file.content()));
    }

    private PublicRegister.Entry entry(UUID id) {
        return register.entry(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
