package se.samla.identity.demo;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The demo provider's login page: pick a fake identity instead of using BankID or a staff password. */
@Controller
@ConditionalOnProperty(name = "samla.demo-idp.enabled", havingValue = "true", matchIfMissing = true)
class DemoLoginController {

    private final DemoIdentities identities;
    private final HttpSessionSecurityContextRepository contexts;
    private final Clock clock;
    private final HttpSessionRequestCache requests = new HttpSessionRequestCache();

    DemoLoginController(
            DemoIdentities identities,
            HttpSessionSecurityContextRepository demoIdentityProviderContextRepository,
            Clock clock) {
        this.identities = identities;
        this.contexts = demoIdentityProviderContextRepository;
        this.clock = clock;
    }

    @GetMapping(DemoEndpoints.LOGIN)
    String page(HttpServletRequest request, HttpServletResponse response, Model model) {
        String clientId = clientId(requests.getRequest(request, response));
        model.addAttribute(
                "identities",
                identities.forClient(clientId).stream()
                        .map(DemoIdentityView::of)
                        .toList());
        model.addAttribute("staff", clientId != null && clientId.endsWith("-staff"));
        model.addAttribute("signing", signRequest(requests.getRequest(request, response)) != null);
        return "identity/demo-login";
    }

    @PostMapping(DemoEndpoints.LOGIN)
    String login(@RequestParam("identity") String id, HttpServletRequest request, HttpServletResponse response) {
        SavedRequest saved = requests.getRequest(request, response);
        List<DemoIdentity> allowed = identities.forClient(clientId(saved));
        DemoIdentity identity = allowed.stream()
                .filter(i -> i.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.BAD_REQUEST,
                        "No such demo identity for this login; start the login again from Samla"));
        List<GrantedAuthority> authorities = new ArrayList<>(List.of(
                new SimpleGrantedAuthority("ROLE_DEMO_IDENTITY"),
                // the provider reports when and how the person authenticated (auth_time)
                FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
                        .issuedAt(clock.instant())
                        .build()));
        String signRequest = signRequest(saved);
        if (signRequest != null) {
            // this login counts for this signature only (prompt=login)
            authorities.add(new SimpleGrantedAuthority(DemoSigning.freshLogin(signRequest)));
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(identity.id(), null, authorities));
        request.changeSessionId();
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        return "redirect:" + saved.getRedirectUrl();
    }

    private static String signRequest(SavedRequest saved) {
        String[] values = saved == null ? null : saved.getParameterValues(DemoSigning.SIGN_REQUEST);
        return values == null || values.length == 0 ? null : values[0];
    }

    private static String clientId(SavedRequest saved) {
        if (saved == null) {
            return null;
        }
        String[] values = saved.getParameterValues("client_id");
        return values == null || values.length == 0 ? null : values[0];
    }
}
