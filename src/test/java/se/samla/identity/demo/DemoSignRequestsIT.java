package se.samla.identity.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;

/**
 * The demo provider keeps OIDC Sweden's rules for signature requests (Signature Extension 1.1, section 5.1): a
 * request it cannot trust is answered invalid_request, to the client, before anyone is shown anything.
 */
class DemoSignRequestsIT extends SamlaIntegrationTest {

    static final String SIGN_SCOPE = "https://id.oidc.se/scope/sign";
    static final String SIGN_REQUEST = "https://id.oidc.se/param/signRequest";

    final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    String redirectUri() {
        return "http://vanersborg.localhost:" + port + "/signering/svar";
    }

    String signRequest(String secret) throws Exception {
        var jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder()
                        .issuer(vanersborg.residentLogin().clientId())
                        .expirationTime(new Date(System.currentTimeMillis() + 600_000))
                        .claim("tbs_data", Base64.getEncoder().encodeToString(new byte[32]))
                        .claim(
                                "sign_message",
                                Map.of(
                                        "message#sv",
                                        Base64.getEncoder()
                                                .encodeToString("Jag skriver under".getBytes(StandardCharsets.UTF_8)),
                                        "mime_type",
                                        "text/plain"))
                        .build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    HttpResponse<String> authorize(String scope, String prompt, String signRequest) throws Exception {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", vanersborg.residentLogin().clientId());
        parameters.put("redirect_uri", redirectUri());
        parameters.put("scope", scope);
        parameters.put("state", "s1");
        parameters.put("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        parameters.put("code_challenge_method", "S256");
        if (prompt != null) {
            parameters.put("prompt", prompt);
        }
        StringBuilder query = new StringBuilder();
        parameters.forEach((k, v) -> query.append(query.isEmpty() ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        if (signRequest != null) {
            query.append('&').append(SIGN_REQUEST).append('=').append(signRequest);
        }
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/demo-idp/authorize?" + query))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String secret() {
        return vanersborg.residentLogin().clientSecret();
    }

    @Test
    void aSignedSignRequestWithLoginAndConsentGoesOnToALogin() throws Exception {
        var answer = authorize("openid " + SIGN_SCOPE, "login consent", signRequest(secret()));

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow()).contains("/demo-idp/login");
    }

    @Test
    void aSignRequestSignedWithAnotherKeyIsRefused() throws Exception {
        var answer = authorize(
                "openid " + SIGN_SCOPE,
                "login consent",
                signRequest("not-the-client-secret-but-long-enough-for-hs256"));

        assertRefused(answer, "signature does not verify");
    }

    @Test
    void aSignRequestThatIsNotAJwtIsRefused() throws Exception {
        assertRefused(authorize("openid " + SIGN_SCOPE, "login consent", "not-a-jwt"), "not a signed JWT");
    }

    @Test
    void theSignScopeWithoutASignRequestIsRefused() throws Exception {
        assertRefused(authorize("openid " + SIGN_SCOPE, "login consent", null), "needs the parameter");
    }

    @Test
    void aSignRequestWithoutTheSignScopeIsRefused() throws Exception {
        assertRefused(authorize("openid", "login consent", signRequest(secret())), "needs the scope");
    }

    @Test
    void aSignRequestWithoutPromptLoginAndConsentIsRefused() throws Exception {
        assertRefused(authorize("openid " + SIGN_SCOPE, "consent", signRequest(secret())), "prompt=login consent");
        assertRefused(authorize("openid " + SIGN_SCOPE, null, signRequest(secret())), "prompt=login consent");
    }

    @Test
    void theDiscoveryDocumentDeclaresSigning() throws Exception {
        var answer = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/.well-known/openid-configuration"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.body()).contains(SIGN_SCOPE).contains("https://id.oidc.se/claim/userSignature");
    }

    private void assertRefused(HttpResponse<String> answer, String reason) {
        assertThat(answer.statusCode()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location)
                .startsWith(redirectUri())
                .contains("error=invalid_request")
                .contains("state=s1");
        assertThat(java.net.URLDecoder.decode(location, StandardCharsets.UTF_8)).contains(reason);
    }
}
