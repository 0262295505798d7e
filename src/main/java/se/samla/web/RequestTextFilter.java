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
import se.samla.shared.StorableText;

/**
 * Refuses request parameters that cannot be stored as text: a NUL or another control character, or
 * U+FFFD, which is what bytes that were not UTF-8 turned into on the way in. Such a request gets 400 in its
 * channel's format before anything reads it, so nothing half-written or silently changed is stored. The
 * e-service and problem report forms are left to the intake, which says the same beside the field and
 * keeps the rest of what was typed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RequestTextFilter extends OncePerRequestFilter {

    private static final Pattern INTAKE_FORMS = Pattern.compile("(/t/[^/]+)?/(e-tjanster/[^/]+/formular|felanmalan/ny/[^/]+)");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"GET".equals(request.getMethod()) && INTAKE_FORMS.matcher(Channel.path(request)).matches()) {
            chain.doFilter(request, response);
            return;
        }
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            boolean unreadable = isUnreadable(parameter.getKey());
            for (String value : parameter.getValue()) {
                unreadable |= isUnreadable(value);
            }
            if (unreadable) {
                String name = isUnreadable(parameter.getKey()) ? "(a parameter name)" : parameter.getKey();
                request.setAttribute(ErrorPageController.DETAIL, name
                        + ": contains a character that cannot be stored as text (NUL, a control character, or bytes that are not UTF-8)");
                response.sendError(HttpServletResponse.SC_BAD_REQUEST);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean isUnreadable(String text) {
        return !StorableText.isStorable(text);
    }
}
