package se.samla.reports;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ExtendedServletRequestDataBinder;
import se.samla.reports.Open311Arguments.Jurisdiction;

/**
 * Open311 GeoReport v2 at /open311/v2/: services, service definitions, new requests (with an api_key), tokens,
 * requests with the specification's filters and defaults, one request, the page/page_size and
 * servicerequestupdates extensions, and a discovery document. Each answer is in XML or JSON by the path's
 * extension or the Accept header; jurisdiction_id selects the municipality and may be left out on its own host or
 * path prefix.
 */
@RestController
class Open311Controller {

    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([^\\]]*)\\](\\[\\])?");

    private final Open311Service open311;
    private final Open311Lists lists;

    Open311Controller(Open311Service open311, Open311Lists lists) {
        this.open311 = open311;
        this.lists = lists;
    }

    /** Dates as the answers give them, for clients that build a period from one. */
    static String date(Instant at) {
        return Open311Answer.date(at);
    }

    @InitBinder
    void emptyArgumentsAreNotGiven(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
        // arguments come from the query or the form, never from a request header of the same name
        if (binder instanceof ExtendedServletRequestDataBinder servletBinder) {
            servletBinder.setHeaderPredicate(header -> false);
        }
    }

    @GetMapping({"/open311/discovery.{format}", "/open311/discovery"})
    ResponseEntity<Open311Answer> discovery(HttpServletRequest request) {
        return answer(request, open311.discovery(request.getServerName(), Open311Links.of(request)));
    }

    @GetMapping({"/open311/v2/services.{format}", "/open311/v2/services"})
    ResponseEntity<Open311Answer> services(
            @ModelAttribute Open311Arguments.ServiceQuery query, HttpServletRequest request) {
        Open311Format format = format(request);
        return answer(format, open311.services(jurisdiction(query.jurisdictionId(), request)));
    }

    @GetMapping("/open311/v2/services/{path}")
    ResponseEntity<Open311Answer> serviceDefinition(
            @PathVariable String path,
            @ModelAttribute Open311Arguments.ServiceQuery query,
            HttpServletRequest request) {
        Open311Format format = format(request);
        return answer(
                format,
                open311.definition(
                        jurisdiction(query.jurisdictionId(), request), Open311Format.withoutExtension(path)));
    }

    @PostMapping({"/open311/v2/requests.{format}", "/open311/v2/requests"})
    ResponseEntity<Open311Answer> create(
            @ModelAttribute Open311Arguments.NewRequest arguments,
            @RequestParam MultiValueMap<String, String> params,
            HttpServletRequest request) {
        Open311Format format = format(request);
        return answer(
                format,
                open311.create(
                        jurisdiction(arguments.jurisdictionId(), request),
                        request.getRemoteAddr(),
                        arguments,
                        attributes(params)));
    }

    @GetMapping("/open311/v2/tokens/{path}")
    ResponseEntity<Open311Answer> token(
            @PathVariable String path,
            @ModelAttribute Open311Arguments.ServiceQuery query,
            HttpServletRequest request) {
        Open311Format format = format(request);
        return answer(
                format,
                open311.token(jurisdiction(query.jurisdictionId(), request), Open311Format.withoutExtension(path)));
    }

    @GetMapping({"/open311/v2/requests.{format}", "/open311/v2/requests"})
    ResponseEntity<byte[]> requests(
            @Valid @ModelAttribute Open311Arguments.RequestSearch search, HttpServletRequest request) {
        Open311Format format = format(request);
        return ResponseEntity.ok()
                .contentType(format.mediaType)
                .varyBy(HttpHeaders.ACCEPT)
                .body(lists.requests(
                        jurisdiction(search.jurisdictionId(), request), search, Open311Links.of(request), format));
    }

    @GetMapping("/open311/v2/requests/{path}")
    ResponseEntity<Open311Answer> request(
            @PathVariable String path,
            @ModelAttribute Open311Arguments.ServiceQuery query,
            HttpServletRequest request) {
        Open311Format format = format(request);
        return answer(
                format,
                open311.request(
                        jurisdiction(query.jurisdictionId(), request),
                        Open311Format.withoutExtension(path),
                        Open311Links.of(request)));
    }

    @GetMapping({"/open311/v2/servicerequestupdates.{format}", "/open311/v2/servicerequestupdates"})
    ResponseEntity<Open311Answer> updates(
            @Valid @ModelAttribute Open311Arguments.UpdateSearch search, HttpServletRequest request) {
        Open311Format format = format(request);
        return answer(format, open311.updates(jurisdiction(search.jurisdictionId(), request), search));
    }

    @PostMapping({"/open311/v2/servicerequestupdates.{format}", "/open311/v2/servicerequestupdates"})
    ResponseEntity<Open311Answer> addUpdate(
            @Valid @ModelAttribute Open311Arguments.NewUpdate update, HttpServletRequest request) {
        Open311Format format = format(request);
        return answer(format, open311.addUpdate(jurisdiction(update.jurisdictionId(), request), update));
    }

    @ExceptionHandler
    ResponseEntity<Open311Answer> refused(Open311Refusal refusal, HttpServletRequest request) {
        var answer = ResponseEntity.status(refusal.status())
                .contentType(Open311Format.forError(request.getRequestURI(), request.getHeader(HttpHeaders.ACCEPT))
                        .mediaType)
                .varyBy(HttpHeaders.ACCEPT);
        if (refusal.retryAfterSeconds() > 0) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(refusal.retryAfterSeconds()));
        }
        return answer.body(Open311Answer.Errors.of(refusal.status(), refusal.getMessage()));
    }

    /** An argument that failed its constraint or was of the wrong type, named as the specification names it. */
    @ExceptionHandler
    ResponseEntity<Open311Answer> invalid(BindException invalid, HttpServletRequest request) {
        // the first by name, so one answer names the same argument every time
        FieldError error = invalid.getFieldErrors().stream()
                .min(java.util.Comparator.comparing(FieldError::getField))
                .orElseThrow();
        // the only typed arguments are whole numbers (page, page_size)
        String reason = error.isBindingFailure() ? "not a whole number" : error.getDefaultMessage();
        return refused(Open311Refusal.badArgument(argumentName(error.getField()), reason), request);
    }

    // ---- translation

    private static ResponseEntity<Open311Answer> answer(Open311Format format, Open311Answer answer) {
        // without an extension the Accept header chose the format
        return ResponseEntity.ok()
                .contentType(format.mediaType)
                .varyBy(HttpHeaders.ACCEPT)
                .body(answer);
    }

    private static ResponseEntity<Open311Answer> answer(HttpServletRequest request, Open311Answer answer) {
        return answer(format(request), answer);
    }

    private static Open311Format format(HttpServletRequest request) {
        return Open311Format.requested(request.getRequestURI(), request.getHeader(HttpHeaders.ACCEPT));
    }

    private static Jurisdiction jurisdiction(String id, HttpServletRequest request) {
        return new Jurisdiction(id, request.getServerName());
    }

    /** attribute[code] and attribute[code][] arguments, by code. */
    private static Open311Arguments.Attributes attributes(MultiValueMap<String, String> params) {
        Map<String, List<String>> byCode = new LinkedHashMap<>();
        params.forEach((name, values) -> {
            Matcher m = ATTRIBUTE.matcher(name);
            if (m.matches()) {
                byCode.computeIfAbsent(m.group(1), k -> new ArrayList<>()).addAll(values);
            }
        });
        return new Open311Arguments.Attributes(byCode);
    }

    /** pageSize or page_size: page_size, as the clients sent it. */
    private static String argumentName(String field) {
        return field.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
