package se.samla.identity.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The provider side of OIDC Sweden's Signature Extension for OpenID Connect (v1.1, section 5): which requests are
 * signature requests, what makes one acceptable, and what it asks to have signed.
 */
final class DemoSigning {

    static final String SIGN_SCOPE = "https://id.oidc.se/scope/sign";
    static final String SIGN_APPROVAL_SCOPE = "https://id.oidc.se/scope/signApproval";
    static final String SIGN_REQUEST = "https://id.oidc.se/param/signRequest";
    static final String USER_SIGNATURE = "https://id.oidc.se/claim/userSignature";
    static final String PERSONAL_NUMBER = "https://id.oidc.se/claim/personalIdentityNumber";

    /** The authority a login made for one signature request carries, so that a later request must log in again. */
    static final String FRESH_LOGIN_PREFIX = "DEMO_SIGN_LOGIN:";

    /** What a verified sign request asks: the data, and the text to show (Swedish, else English, else untagged). */
    record Request(byte[] tbsData, String message) {}

    private DemoSigning() {}

    static boolean asksToSign(Set<String> scopes) {
        return scopes.contains(SIGN_SCOPE) || scopes.contains(SIGN_APPROVAL_SCOPE);
    }

    /** The authority of a login made for the sign request with this value. */
    static String freshLogin(String signRequest) {
        try {
            return FRESH_LOGIN_PREFIX
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256")
                                    .digest(signRequest.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The authorization endpoint's checks: Spring's own, then section 5.1's: a sign request only with a sign scope, a
     * sign scope only with a sign request that the client signed and that carries tbs_data and a sign message, and
     * prompt with both login and consent. A failure answers the client with invalid_request.
     */
    static Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> validator(Clock clock) {
        var standard = new OAuth2AuthorizationCodeRequestAuthenticationValidator();
        return context -> {
            standard.accept(context);
            OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
            Object value = request.getAdditionalParameters().get(SIGN_REQUEST);
            boolean signs = asksToSign(request.getScopes());
            if (value != null && !signs) {
                throw invalid(request, "a sign request needs the scope " + SIGN_SCOPE);
            }
            if (!signs) {
                return;
            }
            if (!(value instanceof String jwt)) {
                throw invalid(request, "the scope " + SIGN_SCOPE + " needs the parameter " + SIGN_REQUEST);
            }
            Object prompt = request.getAdditionalParameters().get("prompt");
            Set<String> prompts = prompt instanceof String p ? Set.of(p.trim().split("\\s+")) : Set.of();
            if (!prompts.contains("login") || !prompts.contains("consent")) {
                throw invalid(request, "a sign request needs prompt=login consent");
            }
            try {
                Request parsed = verify(jwt, context.getRegisteredClient(), clock);
                if (request.getScopes().contains(SIGN_SCOPE) && parsed.tbsData() == null) {
                    throw invalid(request, "the sign request has no tbs_data");
                }
            } catch (IllegalArgumentException e) {
                throw invalid(request, e.getMessage());
            }
        };
    }

    /**
     * The sign request's content, once its signature is checked with the client's secret (HS256).
     *
     * @throws IllegalArgumentException with the reason, when it is unsigned, forged, expired or incomplete
     */
    static Request verify(String jwt, RegisteredClient client, Clock clock) {
        try {
            SignedJWT signed = SignedJWT.parse(jwt);
            String secret = client.getClientSecret() == null
                    ? ""
                    : client.getClientSecret().replaceFirst("^\\{noop}", "");
            if (!signed.verify(new MACVerifier(secret.getBytes(StandardCharsets.UTF_8)))) {
                throw new IllegalArgumentException("the sign request's signature does not verify");
            }
            var claims = signed.getJWTClaimsSet();
            if (!client.getClientId().equals(claims.getIssuer())) {
                throw new IllegalArgumentException("the sign request was not issued by the client");
            }
            if (claims.getExpirationTime() == null || claims.getExpirationTime().before(Date.from(clock.instant()))) {
                throw new IllegalArgumentException("the sign request has expired");
            }
            Map<String, Object> message = claims.getJSONObjectClaim("sign_message");
            String text = message == null ? null : text(message);
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("the sign request has no sign_message");
            }
            if (message.get("mime_type") != null && !"text/plain".equals(message.get("mime_type"))) {
                throw new IllegalArgumentException("only text/plain sign messages can be shown");
            }
            String tbs = claims.getStringClaim("tbs_data");
            return new Request(tbs == null ? null : Base64.getDecoder().decode(tbs), text);
        } catch (ParseException e) {
            throw new IllegalArgumentException("the sign request is not a signed JWT");
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the sign request cannot be checked: " + e.getMessage());
        }
    }

    private static String text(Map<String, Object> message) {
        for (String key : new String[] {"message#sv", "message", "message#en"}) {
            if (message.get(key) instanceof String encoded) {
                try {
                    return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("the sign message is not base64");
                }
            }
        }
        return null;
    }

    /** The personal identity number the request's claims parameter requires of the signer, if any (section 4.1.1). */
    static Optional<String> requiredPerson(OAuth2AuthorizationRequest request) {
        if (!(request.getAdditionalParameters().get("claims") instanceof String claims)) {
            return Optional.empty();
        }
        try {
            var idToken = JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(claims), "id_token");
            var number = idToken == null ? null : JSONObjectUtils.getJSONObject(idToken, PERSONAL_NUMBER);
            return Optional.ofNullable(number == null ? null : JSONObjectUtils.getString(number, "value"));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private static OAuth2AuthorizationCodeRequestAuthenticationException invalid(
            OAuth2AuthorizationCodeRequestAuthenticationToken request, String reason) {
        return new OAuth2AuthorizationCodeRequestAuthenticationException(
                new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, reason, null), request);
    }
}
