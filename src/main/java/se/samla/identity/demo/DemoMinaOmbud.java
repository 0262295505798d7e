package se.samla.identity.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import se.samla.shared.SwedishTime;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The built-in demo Mina ombud: the consumer API of Bolagsverket's digital powers of attorney
 * (dfm_konsument_v1: {@code POST /sok/behorigheter}, {@code DELETE /tredjeman/{orgnr}/fullmakter/{id}}), with the
 * powers of attorney in config/demo-mina-ombud/fullmakter.yml. Each authority context is signed as Mina ombud signs
 * it: a JWS (ES256) over the object without its {@code _sig}, with its keys in order, given as {@code _sig}'s
 * protected header and signature; the key is published at {@value #JWKS}. On by default; refused in production.
 */
@RestController
@ConditionalOnProperty(name = "samla.mina-ombud.demo", havingValue = "true", matchIfMissing = true)
class DemoMinaOmbud {

    static final String BASE = "/demo-mina-ombud/dfm/formedlare/v1";
    static final String JWKS = "/demo-mina-ombud/jwks";

    record Party(String id, String fornamn, String namn) {}

    record Authority(String kod, String typ) {}

    record PowerOfAttorney(
            String id,
            Party fullmaktsgivare,
            Party fullmaktshavare,
            String tredjeman,
            List<Authority> behorigheter,
            LocalDate giltigFrom,
            LocalDate giltigTom) {}

    private final List<PowerOfAttorney> powers;
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final ECKey key;
    private final String token;
    private final JsonMapper json;
    private final Clock clock;

    DemoMinaOmbud(
            @Value("${samla.mina-ombud.demo-powers:config/demo-mina-ombud/fullmakter.yml}") Path file,
            @Value("${samla.mina-ombud.token:demo-mina-ombud-token}") String token,
            JsonMapper json,
            Clock clock)
            throws IOException, JOSEException {
        this.powers = Files.isRegularFile(file)
                ? new YAMLMapper().readValue(Files.readString(file), new TypeReference<List<PowerOfAttorney>>() {})
                : List.of();
        this.key = new ECKeyGenerator(Curve.P_256)
                .keyID(UUID.randomUUID().toString())
                .generate();
        this.token = token;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping(value = JWKS, produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> jwks() {
        return new JWKSet(key.toPublicJWK()).toJSONObject();
    }

    /** hamtaBehorigheter: the valid authorities the holder has at the third party, per giver, each signed. */
    @PostMapping(value = BASE + "/sok/behorigheter", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> authorities(
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody Map<String, Object> request) {
        if (!("Bearer " + token).equals(authorization)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        Object holder = request.get("fullmaktshavare") instanceof Map<?, ?> h ? h.get("id") : null;
        Object thirdParty = request.get("tredjeman");
        Object giver = request.get("fullmaktsgivare") instanceof Map<?, ?> g ? g.get("id") : null;
        if (!(holder instanceof String) || !(thirdParty instanceof String)) {
            return ResponseEntity.badRequest().build();
        }
        LocalDate today = LocalDate.now(clock.withZone(SwedishTime.ZONE));
        Map<String, List<PowerOfAttorney>> byGiver = new TreeMap<>();
        for (PowerOfAttorney power : powers) {
            if (power.fullmaktshavare().id().equals(holder)
                    && power.tredjeman().equals(thirdParty)
                    && (giver == null || power.fullmaktsgivare().id().equals(giver))
                    && !revoked.contains(power.id())
                    && !today.isBefore(power.giltigFrom())
                    && !today.isAfter(power.giltigTom())) {
                byGiver.computeIfAbsent(power.fullmaktsgivare().id(), k -> new ArrayList<>())
                        .add(power);
            }
        }
        List<Map<String, Object>> contexts = new ArrayList<>();
        byGiver.values().forEach(held -> contexts.add(signed(context(held))));
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("size", contexts.size());
        page.put("number", 0);
        page.put("totalElements", contexts.size());
        page.put("totalPages", 1);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("fullmaktsgivare", contexts);
        answer.put("page", page);
        return ResponseEntity.ok(answer);
    }

    /** taBortFullmakt: the power of attorney is revoked, at once. */
    @DeleteMapping(BASE + "/tredjeman/{tredjeman}/fullmakter/{fullmakt}")
    ResponseEntity<Void> revoke(
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable String tredjeman,
            @PathVariable String fullmakt) {
        if (!("Bearer " + token).equals(authorization)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        boolean known = powers.stream()
                .anyMatch(p -> p.id().equals(fullmakt) && p.tredjeman().equals(tredjeman));
        if (!known) {
            return ResponseEntity.notFound().build();
        }
        revoked.add(fullmakt);
        return ResponseEntity.noContent().build();
    }

    private static Map<String, Object> context(List<PowerOfAttorney> held) {
        PowerOfAttorney first = held.get(0);
        Map<String, Object> giver = new TreeMap<>();
        giver.put("id", first.fullmaktsgivare().id());
        giver.put("typ", "pnr");
        giver.put("roll", "PRIVAT");
        giver.put("fornamn", first.fullmaktsgivare().fornamn());
        giver.put("namn", first.fullmaktsgivare().namn());
        Map<String, Object> holder = new TreeMap<>();
        holder.put("id", first.fullmaktshavare().id());
        holder.put("typ", "pnr");
        List<Map<String, Object>> authorities = new ArrayList<>();
        for (PowerOfAttorney power : held) {
            for (Authority authority : power.behorigheter()) {
                Map<String, Object> given = new TreeMap<>();
                given.put("kod", authority.kod());
                given.put("typ", authority.typ());
                given.put("fullmakt", power.id());
                authorities.add(given);
            }
        }
        Map<String, Object> context = new TreeMap<>();
        context.put("fullmaktsgivare", giver);
        context.put("fullmaktshavare", List.of(holder));
        context.put("tredjeman", first.tredjeman());
        context.put("behorigheter", authorities);
        return context;
    }

    private Map<String, Object> signed(Map<String, Object> context) {
        try {
            var jws = new JWSObject(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(key.getKeyID())
                            .build(),
                    new Payload(json.writeValueAsString(context)));
            jws.sign(new ECDSASigner(key));
            Map<String, Object> signature = new LinkedHashMap<>();
            signature.put("protected", jws.getHeader().toBase64URL().toString());
            signature.put("signature", jws.getSignature().toString());
            Map<String, Object> result = new LinkedHashMap<>(context);
            result.put("_sig", signature);
            return result;
        } catch (JOSEException e) {
            throw new IllegalStateException("The demo Mina ombud cannot sign: " + e.getMessage(), e);
        }
    }
}
