package se.samla.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.json.JsonMapper;

/** An authority context from Mina ombud is believed only as Mina ombud signed it, with a key it publishes. */
class MinaOmbudSignatureTest {

    final JsonMapper json = JsonMapper.builder().build();
    final MinaOmbud ombud = new MinaOmbud(new MockEnvironment(), json);

    static Map<String, Object> context(String giver, String code) {
        Map<String, Object> context = new TreeMap<>();
        context.put(
                "fullmaktsgivare",
                new TreeMap<>(Map.of("id", giver, "typ", "pnr", "roll", "PRIVAT", "namn", "Testsson")));
        context.put("fullmaktshavare", List.of(new TreeMap<>(Map.of("id", "199006022397", "typ", "pnr"))));
        context.put("tredjeman", "2120001439");
        context.put(
                "behorigheter",
                List.of(new TreeMap<>(
                        Map.of("kod", code, "typ", "aktiv", "fullmakt", "6b1a3f0e-2c4d-4e8f-9a1b-0c2d3e4f5a61"))));
        return context;
    }

    Map<String, Object> signed(Map<String, Object> context, ECKey key) throws Exception {
        var jws = new JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                new Payload(json.writeValueAsString(context)));
        jws.sign(new ECDSASigner(key));
        Map<String, Object> result = new LinkedHashMap<>(context);
        result.put(
                "_sig",
                Map.of(
                        "protected",
                        jws.getHeader().toBase64URL().toString(),
                        "signature",
                        jws.getSignature().toString()));
        return result;
    }

    @Test
    void aContextSignedWithThePublishedKeyIsBelieved() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();

        assertThat(ombud.verified(signed(context("198705212382", "bygglov"), key), new JWKSet(key.toPublicJWK())))
                .isTrue();
    }

    @Test
    void aContextChangedAfterSigningIsNotBelieved() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        var changed = signed(context("198705212382", "bygglov"), key);
        // someone widens the power of attorney to every case type
        changed.put(
                "behorigheter", context("198705212382", "ekonomiskt-bistand").get("behorigheter"));

        assertThat(ombud.verified(changed, new JWKSet(key.toPublicJWK()))).isFalse();
    }

    @Test
    void aContextSignedWithAnotherKeyOrUnsignedIsNotBelieved() throws Exception {
        ECKey published = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        ECKey forger = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();

        assertThat(ombud.verified(
                        signed(context("198705212382", "bygglov"), forger), new JWKSet(published.toPublicJWK())))
                .isFalse();
        assertThat(ombud.verified(context("198705212382", "bygglov"), new JWKSet(published.toPublicJWK())))
                .isFalse();
    }
}
