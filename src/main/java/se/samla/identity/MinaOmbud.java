package se.samla.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mina ombud's consumer API (Bolagsverket, dfm_konsument_v1): which authorities a person holds, by power of
 * attorney, for others at this municipality. Every authority context is believed only when its {@code _sig} verifies
 * with a key Mina ombud publishes; one that does not is dropped and logged. Outside production the built-in demo
 * answers.
 */
@Component
class MinaOmbud {

    /** The authorities one giver has given the holder: a case type's code, and whether actively. */
    record Given(String giverIdentityNumber, String giverName, Map<String, Boolean> authorities, List<String> powers) {}

    /** Mina ombud could not be asked, or answered with nothing to believe. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(MinaOmbud.class);

    private final Environment environment;
    private final JsonMapper json;
    private final RestClient http;

    MinaOmbud(Environment environment, JsonMapper json) {
        this.environment = environment;
        this.json = json;
        // a register that does not answer in a few seconds is treated as not answering: nothing is acted on
        var requests =
                new org.springframework.http.client.JdkClientHttpRequestFactory(java.net.http.HttpClient.newBuilder()
                        .connectTimeout(java.time.Duration.ofSeconds(3))
                        .build());
        requests.setReadTimeout(java.time.Duration.ofSeconds(5));
        this.http = RestClient.builder().requestFactory(requests).build();
        if (environment.acceptsProfiles(Profiles.of("prod"))
                && (!environment.getProperty("samla.mina-ombud.url", "").startsWith("https://")
                        || !environment.getProperty("samla.mina-ombud.jwks", "").startsWith("https://"))) {
            throw new IllegalStateException(
                    "Mina ombud must be reached over https in production: set samla.mina-ombud.url and .jwks");
        }
    }

    private String base() {
        return environment.resolvePlaceholders(environment.getProperty(
                "samla.mina-ombud.url",
                "http://localhost:${local.server.port:8080}/demo-mina-ombud/dfm/formedlare/v1"));
    }

    private String jwks() {
        return environment.resolvePlaceholders(environment.getProperty(
                "samla.mina-ombud.jwks", "http://localhost:${local.server.port:8080}/demo-mina-ombud/jwks"));
    }

    /**
     * What the holder may do for others at the municipality, now: from powers of attorney valid today, with each
     * answer's signature checked.
     *
     * @param thirdParty the municipality's organisation number, ten digits
     * @throws Unavailable when Mina ombud cannot be asked
     */
    List<Given> authoritiesOf(String holder, String thirdParty) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("fullmaktshavare", Map.of("id", holder, "typ", "pnr"));
        request.put("tredjeman", thirdParty);
        request.put("behorigheter", List.of());
        request.put("page", Map.of("page", 0, "size", 100));
        String answer;
        JWKSet keys;
        try {
            answer = http.post()
                    .uri(base() + "/sok/behorigheter")
                    .header(
                            "Authorization",
                            "Bearer " + environment.getProperty("samla.mina-ombud.token", "demo-mina-ombud-token"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(json.writeValueAsString(request))
                    .retrieve()
                    .body(String.class);
            keys = JWKSet.parse(http.get().uri(jwks()).retrieve().body(String.class));
        } catch (RestClientException | ParseException e) {
            throw new Unavailable("Mina ombud could not be asked: " + e.getMessage());
        }
        try {
            return read(answer, keys, holder, thirdParty);
        } catch (RuntimeException e) {
            // an answer that cannot be read is no answer: nobody acts on it
            throw new Unavailable("Mina ombud's answer could not be read: " + e.getMessage());
        }
    }

    private List<Given> read(String answer, JWKSet keys, String holder, String thirdParty) {
        List<Given> given = new ArrayList<>();
        Object contexts = json.readValue(answer, Map.class).get("fullmaktsgivare");
        if (!(contexts instanceof List<?> list)) {
            throw new Unavailable("Mina ombud's answer has no fullmaktsgivare");
        }
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> context)) {
                continue;
            }
            if (!verified(context, keys)) {
                log.warn("An authority context from Mina ombud did not verify and is not believed");
                continue;
            }
            if (!thirdParty.equals(context.get("tredjeman"))
                    || !(context.get("fullmaktshavare") instanceof List<?> holders)
                    || holders.stream().noneMatch(h -> h instanceof Map<?, ?> m && holder.equals(m.get("id")))) {
                continue;
            }
            // a person may act for a person here; an organisation's powers of attorney are not acted on as a person's
            if (!(context.get("fullmaktsgivare") instanceof Map<?, ?> giver)
                    || !(giver.get("id") instanceof String giverNumber)
                    || !giverNumber.matches("\\d{12}")
                    || !List.of("pnr", "samnr").contains(giver.get("typ"))
                    || (giver.get("roll") != null && !"PRIVAT".equals(giver.get("roll")))) {
                continue;
            }
            Map<String, Boolean> authorities = new TreeMap<>();
            List<String> powers = new ArrayList<>();
            if (context.get("behorigheter") instanceof List<?> granted) {
                for (Object g : granted) {
                    if (g instanceof Map<?, ?> authority && authority.get("kod") instanceof String code) {
                        authorities.merge(code, "aktiv".equals(authority.get("typ")), Boolean::logicalOr);
                        powers.add(String.valueOf(authority.get("fullmakt")));
                    }
                }
            }
            String name = (giver.get("fornamn") == null ? "" : giver.get("fornamn") + " ") + giver.get("namn");
            given.add(new Given(
                    giverNumber, name, authorities, powers.stream().distinct().toList()));
        }
        return given;
    }

    /** The JWS in {@code _sig}, over the object without it with its keys in order, checked with the published key. */
    boolean verified(Map<?, ?> context, JWKSet keys) {
        if (!(context.get("_sig") instanceof Map<?, ?> signature)
                || !(signature.get("protected") instanceof String header)
                || !(signature.get("signature") instanceof String value)) {
            return false;
        }
        Map<String, Object> content = new TreeMap<>();
        context.forEach((k, v) -> {
            if (!"_sig".equals(k)) {
                content.put(String.valueOf(k), canonical(v));
            }
        });
        try {
            JWSHeader parsed = JWSHeader.parse(new Base64URL(header));
            JWK key = keys.getKeyByKeyId(parsed.getKeyID());
            if (!(key instanceof AsymmetricJWK asymmetric)) {
                return false;
            }
            var jws = new JWSObject(
                    new Base64URL(header), new Payload(json.writeValueAsString(content)), new Base64URL(value));
            return jws.verify(new DefaultJWSVerifierFactory().createJWSVerifier(parsed, asymmetric.toPublicKey()));
        } catch (ParseException | JOSEException e) {
            return false;
        }
    }

    private static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(MinaOmbud::canonical).toList();
        }
        return value;
    }
}
