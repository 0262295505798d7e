package se.samla.records;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import se.samla.records.view.RegisterView;

/** The public register, as a page anyone can search and as JSON. */
@Controller
class RegisterController {

    static final int PAGE_SIZE = 50;
    /** How far back a search reaches when no dates are given. */
    static final int DEFAULT_DAYS = 30;

    private final PublicRegister register;
    private final MessageSource messages;
    private final Clock clock;

    RegisterController(PublicRegister register, MessageSource messages, Clock clock) {
        this.register = register;
        this.messages = messages;
        this.clock = clock;
    }

    record Search(String text, LocalDate from, LocalDate to, int page, String error) {}

    private Search search(String q, String from, String to, String page) {
        LocalDate today = LocalDate.now(clock);
        LocalDate start = today.minusDays(DEFAULT_DAYS);
        LocalDate end = today;
        String error = null;
        try {
            if (from != null && !from.isBlank()) {
                start = LocalDate.parse(from.strip());
            }
            if (to != null && !to.isBlank()) {
                end = LocalDate.parse(to.strip());
            }
        } catch (DateTimeParseException e) {
            error = "records.error.date";
        }
        if (error == null && end.isBefore(start)) {
            error = "records.error.range";
        }
        int n;
        try {
            n = Math.max(1, Math.min(Integer.parseInt(page == null ? "1" : page), 1000));
        } catch (NumberFormatException e) {
            n = 1;
        }
        return new Search(q == null ? "" : q.strip(), start, end, n, error);
    }

    @GetMapping("/diarium")
    String page(
            @RequestParam(name = "q", required = false) String q,
            @RequestParam(name = "fran", required = false) String from,
            @RequestParam(name = "till", required = false) String to,
            @RequestParam(name = "sida", required = false) String page,
            Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        Search s = search(q, from, to, page);
        List<PublicRegister.Entry> found = s.error() != null
                ? List.of()
                : register.search(s.text(), s.from(), s.to(), (s.page() - 1) * PAGE_SIZE, PAGE_SIZE + 1);
        if (s.error() != null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        var rows = found.stream()
                .limit(PAGE_SIZE)
                .map(e -> new RegisterView.Row(
                        e.id().toString(),
                        e.date().toString(),
                        e.reference() + "-" + e.number(),
                        text("records.direction." + e.direction()),
                        e.caseTitle(),
                        e.description(),
                        e.counterpart(),
                        e.secrecy()))
                .toList();
        model.addAttribute(
                "register",
                new RegisterView(
                        s.text(),
                        s.from().toString(),
                        s.to().toString(),
                        rows,
                        s.page(),
                        found.size() > PAGE_SIZE,
                        s.error() == null ? null : text(s.error())));
        return "records/register";
    }

    @GetMapping(value = "/diarium.json", produces = "application/json")
    @ResponseBody
    ResponseEntity<Object> json(
            @RequestParam(name = "q", required = false) String q,
            @RequestParam(name = "fran", required = false) String from,
            @RequestParam(name = "till", required = false) String to,
            @RequestParam(name = "sida", required = false) String page) {
        Search s = search(q, from, to, page);
        if (s.error() != null) {
            return ResponseEntity.badRequest()
                    .body(Map.of(
                            "title",
                            "Invalid search",
                            "status",
                            400,
                            "errors",
                            List.of(Map.of(
                                    "field",
                                    s.error().equals("records.error.range") ? "till" : "fran/till",
                                    "reason",
                                    text(s.error(), java.util.Locale.ENGLISH)))));
        }
        var found = register.search(s.text(), s.from(), s.to(), (s.page() - 1) * PAGE_SIZE, PAGE_SIZE + 1);
        var items = found.stream()
                .limit(PAGE_SIZE)
                .map(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("date", e.date().toString());
                    m.put("reference", e.reference());
                    m.put("documentNumber", e.number());
                    m.put("direction", e.direction());
                    m.put("caseTitle", e.caseTitle());
                    m.put("description", e.description());
                    m.put("counterpart", e.counterpart());
                    m.put("secrecy", e.secrecy());
                    return m;
                })
                .toList();
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .body(Map.of(
                        "from",
                        s.from().toString(),
                        "to",
                        s.to().toString(),
                        "page",
                        s.page(),
                        "hasNext",
                        found.size() > PAGE_SIZE,
                        "documents",
                        items));
    }

    private String text(String key) {
        return text(key, LocaleContextHolder.getLocale());
    }

    private String text(String key, java.util.Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
