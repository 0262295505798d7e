package se.samla.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import se.samla.platform.ChannelErrorAnswer.Refusal;
import se.samla.platform.ChannelErrors;
import se.samla.shared.StorableText;

/**
 * Reads a request's parameters once, before anything else does, and refuses what cannot be used: a body that
 * cannot be parsed (a multipart body without its closing boundary, without a boundary, with a part without
 * headers) with 400, one over the size limit with 413, and text that cannot be stored (a NUL or another control
 * character, or U+FFFD, which is what bytes that were not UTF-8 turned into) with 400. The answer is written
 * here in the channel's own format, because after a failed parse every later reader of the parameters would
 * fail again. The e-service and problem report forms check text themselves, beside the field, keeping the rest
 * of what was typed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RequestTextFilter extends OncePerRequestFilter {

    private static final Pattern INTAKE_FORMS =
            Pattern.compile("(/t/[^/]+)?/(e-tjanster/[^/]+/formular|felanmalan/ny/[^/]+)");

    private final ChannelErrors errors;

    RequestTextFilter(ChannelErrors errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (IllegalStateException unparsable) {
            boolean tooLarge = causedBySizeLimit(unparsable)
                    || (unparsable instanceof org.apache.tomcat.util.http.InvalidParameterException invalid
                            && invalid.getErrorCode() == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            errors.write(
                    request,
                    response,
                    tooLarge
                            ? new Refusal(
                                    HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                                    "too-large",
                                    "The request is larger than this server takes")
                            : new Refusal(
                                    HttpServletResponse.SC_BAD_REQUEST,
                                    "bad-request",
                                    "The request body cannot be read: "
                                            + unparsable.getClass().getSimpleName()),
                    Map.of());
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean intakeForm =
                !"GET".equals(request.getMethod()) && INTAKE_FORMS.matcher(path).matches();
        if (!intakeForm) {
            for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
                boolean unreadable = !StorableText.isStorable(parameter.getKey());
                for (String value : parameter.getValue()) {
                    unreadable |= !StorableText.isStorable(value);
                }
                if (unreadable) {
                    String name =
                            StorableText.isStorable(parameter.getKey()) ? parameter.getKey() : "(a parameter name)";
                    errors.write(
                            request,
                            response,
                            new Refusal(
                                    HttpServletResponse.SC_BAD_REQUEST,
                                    "bad-request",
                                    name
                                            + ": contains a character that cannot be stored as text (NUL, a control character, or bytes"
                                            + " that are not UTF-8)"),
                            Map.of());
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean causedBySizeLimit(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().contains("SizeLimitExceeded")
                    || t.getClass().getSimpleName().contains("SizeException")) {
                return true;
            }
        }
        return false;
    }
}
