package se.samla.identity.demo;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The demo provider's sign page, which stands in for the e-ID app: after a fresh login it shows the sign message
 * and lets the person sign (the authorization consent) or cancel. It shows nothing to anyone but the person the
 * request names.
 */
@Controller
@ConditionalOnProperty(name = "samla.demo-idp.enabled", havingValue = "true", matchIfMissing = true)
class DemoSignController {

    private final OAuth2AuthorizationService authorizations;
    private final DemoClients clients;
    private final DemoIdentities identities;
    private final Clock clock;

    DemoSignController(
            OAuth2AuthorizationService authorizations, DemoClients clients, DemoIdentities identities, Clock clock) {
        this.authorizations = authorizations;
        this.clients = clients;
        this.identities = identities;
        this.clock = clock;
    }

    @GetMapping(DemoEndpoints.SIGN)
    String page(@RequestParam("state") String state, Authentication person, Model model) {
        OAuth2Authorization authorization = pending(state, person);
        OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
        DemoIdentity identity = identities.byId(person.getName()).orElseThrow();
        var required = DemoSigning.requiredPerson(request);
        if (required.isPresent() && !required.get().equals(identity.personalIdentityNumber())) {
            // section 5.1: the message is never shown to anyone but the person the request names
            return "redirect:"
                    + refusal(authorization, request, "the person who logged in is not the one asked to sign");
        }
        var signRequest = DemoSigning.verify(
                (String) request.getAdditionalParameters().get(DemoSigning.SIGN_REQUEST),
                clients.findByClientId(request.getClientId()),
                clock);
        model.addAttribute(
                "sign",
                new DemoSignView(
                        request.getClientId(),
                        state,
                        signRequest.message(),
                        identity.name(),
                        String.join(" ", request.getScopes())));
        return "identity/demo-sign";
    }

    /** The person cancels: the request ends, and the client is told access_denied. */
    @PostMapping(DemoEndpoints.SIGN + "/avbryt")
    String cancel(@RequestParam("state") String state, Authentication person) {
        OAuth2Authorization authorization = pending(state, person);
        OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
        return "redirect:" + refusal(authorization, request, "the person cancelled the signature");
    }

    private OAuth2Authorization pending(String state, Authentication person) {
        OAuth2Authorization authorization =
                authorizations.findByToken(state, new OAuth2TokenType(OAuth2ParameterNames.STATE));
        if (authorization == null
                || person == null
                || !authorization.getPrincipalName().equals(person.getName())
                || authorization.getAttribute(OAuth2AuthorizationRequest.class.getName()) == null) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "No signature waits here; start again from Samla");
        }
        return authorization;
    }

    private String refusal(OAuth2Authorization authorization, OAuth2AuthorizationRequest request, String reason) {
        authorizations.remove(authorization);
        var address = UriComponentsBuilder.fromUriString(request.getRedirectUri())
                .queryParam(OAuth2ParameterNames.ERROR, OAuth2ErrorCodes.ACCESS_DENIED)
                .queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION, reason);
        if (request.getState() != null) {
            address.queryParam(OAuth2ParameterNames.STATE, request.getState());
        }
        return address.encode().build().toUriString();
    }
}
