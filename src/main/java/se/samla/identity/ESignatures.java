package se.samla.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.shared.LocalizedText;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * Signing with e-ID by OIDC Sweden's Signature Extension for OpenID Connect: the resident's identity provider is
 * asked, in an authentication request with the scope {@value #SIGN_SCOPE} and a signed
 * {@value #SIGN_REQUEST_PARAMETER}, to show a sign message and have the person sign the given data; the signature
 * comes back in the ID token's {@value #USER_SIGNATURE_CLAIM}. A caller {@link #start}s a signing and sends the
 * browser to the returned address; the provider answers at {@value #CALLBACK}, and the caller {@link #take}s the
 * outcome where it asked to be returned.
 */
@Service
public class ESignatures {

    public static final String SIGN_SCOPE = "https://id.oidc.se/scope/sign";
    public static final String SIGN_REQUEST_PARAMETER = "https://id.oidc.se/param/signRequest";
    public static final String USER_SIGNATURE_CLAIM = "https://id.oidc.se/claim/userSignature";

    static final String CALLBACK = "/signering/svar";

    /** How long a person has at their provider before a signing started here is forgotten. */
    static final Duration PATIENCE = Duration.ofMinutes(15);

    private static final String PENDING = ESignatures.class.getName() + ".pending";
    private static final String OUTCOMES = ESignatures.class.getName() + ".outcomes";
    private static final Logger log = LoggerFactory.getLogger(ESignatures.class);

    /**
     * What to have signed.
     *
     * @param tbsData  the data signed, e.g. the digest of a document
     * @param message  what the provider shows the person as they sign (plain text)
     * @param returnTo the path in Samla the person comes back to, given the outcome's id as {@code signering}
     * @param context  what the caller needs to know the signing by when it returns (e.g. whom it was for), kept in the
     *     session and handed back with the outcome, never in an address
     */
    public record SignRequest(byte[] tbsData, LocalizedText message, String returnTo, String context) {

        public SignRequest(byte[] tbsData, LocalizedText message, String returnTo) {
            this(tbsData, message, returnTo, null);
        }
    }

    /** How a signing ended. */
    public sealed interface Outcome extends Serializable {

        /** The caller's context, as given when the signing started. */
        String context();
    }

    /** Signed by the person, over the data asked for, with a signature that holds. */
    public record Signed(UserSignature signature, String context) implements Outcome {}

    /** Not signed: cancelled, refused, or the answer did not hold. */
    public record NotSigned(Reason reason, String context) implements Outcome {}

    public enum Reason {
        /** The person cancelled at their provider. */
        CANCELLED,
        /** Someone other than the logged-in person signed. */
        SOMEONE_ELSE,
        /** The signature does not hold, or is over other data than was asked. */
        INVALID,
        /** Too long passed, or the answer belongs to no signing started here. */
        EXPIRED,
        /** The provider could not be reached or answered with an error. */
        FAILED
    }

    record Pending(
            String state,
            String nonce,
            String codeVerifier,
            byte[] tbsData,
            String personalIdentityNumber,
            String registrationId,
            String redirectUri,
            String returnTo,
            String context,
            Instant startedAt)
            implements Serializable {}

    /** What a stored signature shows when checked again. */
    public record Verification(boolean holds, String reason) {}

    private final TenantClientRegistrations registrations;
    private final Tenants tenants;
    private final UserSignatureVerifier verifier;
    private final AuditLog audit;
    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final RestClientAuthorizationCodeTokenResponseClient tokens =
            new RestClientAuthorizationCodeTokenResponseClient();
    private final OidcIdTokenDecoderFactory idTokens = new OidcIdTokenDecoderFactory();

    ESignatures(
            TenantClientRegistrations registrations,
            Tenants tenants,
            UserSignatureVerifier verifier,
            AuditLog audit,
            org.springframework.transaction.support.TransactionTemplate transactions,
            Clock clock) {
        this.transactions = transactions;
        this.registrations = registrations;
        this.tenants = tenants;
        this.verifier = verifier;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Starts a signing by the logged-in resident.
     *
     * @return the address of the provider to send the browser to
     */
    public String start(HttpServletRequest request, SignedInUser.Resident signer, SignRequest sign) {
        Tenant tenant = tenants.byId(signer.tenantId()).orElseThrow();
        String registrationId = TenantClientRegistrations.RegistrationName.of(tenant, false);
        ClientRegistration registration = registrations.findByRegistrationId(registrationId);
        if (registration == null) {
            throw new IllegalStateException("No resident login for " + tenant.slug());
        }
        String state = token();
        String nonce = token();
        String verifierText = token();
        String redirectUri = ServletUriComponentsBuilder.fromContextPath(request)
                .path(CALLBACK)
                .build()
                .toUriString();
        var pending = new Pending(
                state,
                nonce,
                verifierText,
                sign.tbsData().clone(),
                signer.identityNumber().digits(),
                registrationId,
                redirectUri,
                sign.returnTo(),
                sign.context(),
                clock.instant());
        pendingOf(request.getSession()).put(state, pending);

        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", registration.getClientId());
        parameters.put("redirect_uri", redirectUri);
        parameters.put("scope", "openid " + SIGN_SCOPE);
        parameters.put("state", state);
        parameters.put("nonce", nonce);
        // a signature never rests on an earlier login, and the person must see what they sign
        parameters.put("prompt", "login consent");
        parameters.put("code_challenge", challenge(verifierText));
        parameters.put("code_challenge_method", "S256");
        // the provider shows the sign message only to the person named here
        parameters.put(
                "claims",
                "{\"id_token\":{\"" + SignInService.PERSONAL_NUMBER_CLAIM + "\":{\"essential\":true,\"value\":\""
                        + pending.personalIdentityNumber() + "\"}}}");
        parameters.put(SIGN_REQUEST_PARAMETER, signedRequest(registration, sign));
        StringBuilder address =
                new StringBuilder(registration.getProviderDetails().getAuthorizationUri());
        char separator = address.indexOf("?") < 0 ? '?' : '&';
        for (var parameter : parameters.entrySet()) {
            address.append(separator)
                    // ':' and '/' are allowed in a query (RFC 3986 3.4) and left as they are, since some providers
                    // look for the parameter's name in the raw query
                    .append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8)
                            .replace("%3A", ":")
                            .replace("%2F", "/"))
                    .append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8)
                            .replace("+", "%20"));
            separator = '&';
        }
        record(new AuditRecord(
                Actor.of(signer.auditId()),
                "SIGNING_STARTED",
                "person",
                signer.personId().toString(),
                Map.of()));
        return address.toString();
    }

    /**
     * The signed sign request (OIDC Sweden 3.1.1.1): a JWT with {@code tbs_data} and {@code sign_message}, signed
     * with the client secret (HS256, OIDC Core 10.1), which is why the secret must be at least 32 characters.
     */
    private String signedRequest(ClientRegistration registration, SignRequest sign) {
        Instant now = clock.instant();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("message#sv", base64(sign.message().sv()));
        if (sign.message().en() != null) {
            message.put("message#en", base64(sign.message().en()));
        }
        message.put("mime_type", "text/plain");
        var claims = new JWTClaimsSet.Builder()
                .issuer(registration.getClientId())
                .audience(registration.getProviderDetails().getIssuerUri())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(PATIENCE)))
                .claim("tbs_data", Base64.getEncoder().encodeToString(sign.tbsData()))
                .claim("sign_message", message)
                .build();
        try {
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(registration.getClientSecret().getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(
                    "Cannot sign the sign request with the client secret (it must be at least 32 characters)", e);
        }
    }

    /**
     * The provider's answer: the signature is fetched, checked and kept in the session for the caller.
     *
     * @return where to send the browser: the caller's page with the outcome's id
     */
    String complete(HttpServletRequest request, String state, String code, String error, String description) {
        HttpSession session = request.getSession();
        Pending pending = state == null ? null : pendingOf(session).remove(state);
        if (pending == null) {
            return null;
        }
        SignedInUser.Resident signer = CurrentUser.get()
                .filter(SignedInUser.Resident.class::isInstance)
                .map(SignedInUser.Resident.class::cast)
                .orElse(null);
        Outcome outcome;
        if (signer == null || !signer.identityNumber().digits().equals(pending.personalIdentityNumber())) {
            outcome = new NotSigned(Reason.SOMEONE_ELSE, pending.context());
        } else if (clock.instant().isAfter(pending.startedAt().plus(PATIENCE))) {
            outcome = new NotSigned(Reason.EXPIRED, pending.context());
        } else if (error != null || code == null) {
            if (!"access_denied".equals(error)) {
                log.warn(
                        "The identity provider of {} refused a signature: {} {}",
                        pending.registrationId(),
                        error,
                        description == null ? "" : description.replaceAll("[\\r\\n]", " "));
            }
            outcome =
                    new NotSigned("access_denied".equals(error) ? Reason.CANCELLED : Reason.FAILED, pending.context());
        } else {
            outcome = fetch(pending, code);
        }
        String id = UUID.randomUUID().toString();
        outcomesOf(session).put(id, outcome);
        String actor = signer == null ? "anonymous" : signer.auditId();
        record(new AuditRecord(
                Actor.of(actor),
                outcome instanceof Signed ? "SIGNING_COMPLETED" : "SIGNING_NOT_COMPLETED",
                "person",
                signer == null ? "unknown" : signer.personId().toString(),
                outcome instanceof NotSigned n ? Map.of("reason", n.reason().name()) : Map.of()));
        return pending.returnTo() + (pending.returnTo().contains("?") ? "&" : "?") + "signering=" + id;
    }

    private Outcome fetch(Pending pending, String code) {
        ClientRegistration registration = registrations.findByRegistrationId(pending.registrationId());
        try {
            var authorizationRequest = OAuth2AuthorizationRequest.authorizationCode()
                    .authorizationUri(registration.getProviderDetails().getAuthorizationUri())
                    .clientId(registration.getClientId())
                    .redirectUri(pending.redirectUri())
                    .scopes(Set.of("openid", SIGN_SCOPE))
                    .state(pending.state())
                    .attributes(attributes -> attributes.put(PkceParameterNames.CODE_VERIFIER, pending.codeVerifier()))
                    .build();
            var response = OAuth2AuthorizationResponse.success(code)
                    .redirectUri(pending.redirectUri())
                    .state(pending.state())
                    .build();
            var answer = tokens.getTokenResponse(new OAuth2AuthorizationCodeGrantRequest(
                    registration, new OAuth2AuthorizationExchange(authorizationRequest, response)));
            Object idTokenText = answer.getAdditionalParameters().get("id_token");
            if (!(idTokenText instanceof String text)) {
                return new NotSigned(Reason.FAILED, pending.context());
            }
            Jwt idToken = idTokens.createDecoder(registration).decode(text);
            if (!pending.nonce().equals(idToken.getClaimAsString("nonce"))) {
                return new NotSigned(Reason.INVALID, pending.context());
            }
            return check(pending, idToken.getClaims());
        } catch (OAuth2AuthenticationException
                | org.springframework.security.oauth2.core.OAuth2AuthorizationException
                | JwtException
                | org.springframework.web.client.RestClientException e) {
            log.warn("Signing at {} failed: {}", pending.registrationId(), e.getMessage());
            return new NotSigned(Reason.FAILED, pending.context());
        }
    }

    /** The ID token's claims, checked: the person named, auth_time given, and a signature that holds. */
    Outcome check(Pending pending, Map<String, Object> claims) {
        if (!pending.personalIdentityNumber().equals(claims.get(SignInService.PERSONAL_NUMBER_CLAIM))) {
            return new NotSigned(Reason.SOMEONE_ELSE, pending.context());
        }
        if (!(claims.get(USER_SIGNATURE_CLAIM) instanceof String encoded) || claims.get("auth_time") == null) {
            return new NotSigned(Reason.INVALID, pending.context());
        }
        String signature;
        try {
            signature = new String(Base64.getDecoder().decode(encoded), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return new NotSigned(Reason.INVALID, pending.context());
        }
        try {
            var checked = verifier.check(signature, pending.tbsData(), pending.personalIdentityNumber());
            return new Signed(
                    new UserSignature(
                            pending.personalIdentityNumber(),
                            claims.get("name") instanceof String name ? name : checked.name(),
                            checked.signedAt(),
                            Base64.getEncoder().encodeToString(pending.tbsData()),
                            signature,
                            checked.certificateSubject(),
                            checked.certificateIssuer()),
                    pending.context());
        } catch (UserSignatureVerifier.Invalid e) {
            log.warn("A user signature was refused: {}", e.getMessage());
            return new NotSigned(
                    e.getMessage().startsWith("signed by someone else") ? Reason.SOMEONE_ELSE : Reason.INVALID,
                    pending.context());
        }
    }

    /** Audited in a transaction of its own: a signing spans two requests and a provider's answer, never one transaction. */
    private void record(AuditRecord entry) {
        transactions.executeWithoutResult(status -> audit.record(entry));
    }

    /** The outcome of a signing this browser made, once: a second look finds nothing. */
    public Optional<Outcome> take(HttpServletRequest request, String id) {
        HttpSession session = request.getSession(false);
        if (session == null || id == null) {
            return Optional.empty();
        }
        Map<String, Outcome> outcomes = outcomesOf(session);
        Outcome outcome = outcomes.remove(id);
        session.setAttribute(OUTCOMES, outcomes);
        return Optional.ofNullable(outcome);
    }

    /** Checks a kept signature again: it still verifies, over that data, by that person, with a trusted chain. */
    public Verification verify(UserSignature signature) {
        try {
            verifier.check(
                    signature.signature(),
                    Base64.getDecoder().decode(signature.tbsData()),
                    signature.personalIdentityNumber());
            return new Verification(true, null);
        } catch (UserSignatureVerifier.Invalid | IllegalArgumentException e) {
            return new Verification(false, e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Pending> pendingOf(HttpSession session) {
        var map = (Map<String, Pending>) session.getAttribute(PENDING);
        if (map == null) {
            map = new ConcurrentHashMap<>();
        }
        // set again each time so that a session kept in the database stores the change
        session.setAttribute(PENDING, map);
        return map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Outcome> outcomesOf(HttpSession session) {
        var map = (Map<String, Outcome>) session.getAttribute(OUTCOMES);
        if (map == null) {
            map = new ConcurrentHashMap<>();
        }
        session.setAttribute(OUTCOMES, map);
        return map;
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
