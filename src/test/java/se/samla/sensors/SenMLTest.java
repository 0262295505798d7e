package se.samla.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.cbor.CBORMapper;

/** SenML (RFC 8428) resolved as the RFC says, in JSON and CBOR, and what is not SenML refused with a reason. */
class SenMLTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    static List<SenML.Record> json(String text) throws SenML.Malformed {
        return SenML.json(JSON, text.getBytes(StandardCharsets.UTF_8), NOW);
    }

    @Test
    void aSingleReadingWithAnAbsoluteTime() throws Exception {
        var records = json("[{\"n\":\"urn:dev:ow:10e2073a01080063\",\"u\":\"Cel\",\"v\":23.1,\"t\":1.320067464e9}]");
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("urn:dev:ow:10e2073a01080063");
            assertThat(r.unit()).isEqualTo("Cel");
            assertThat(r.value()).isEqualTo(23.1);
            assertThat(r.time()).isEqualTo(Instant.ofEpochSecond(1_320_067_464L));
        });
    }

    @Test
    void baseNameTimeUnitAndValueCarryOverUntilChanged() throws Exception {
        var records = json("""
                [{"bn":"vanern-hamnen:","bt":1.7648e9,"bu":"m","bv":2.0,"n":"level","v":0.05},
                 {"n":"level","t":60,"v":0.07},
                 {"bu":"Cel","n":"temp","t":120,"v":4.5},
                 {"bn":"annan:","n":"level","v":-0.1}]
                """);
        assertThat(records)
                .extracting(SenML.Record::name)
                .containsExactly("vanern-hamnen:level", "vanern-hamnen:level", "vanern-hamnen:temp", "annan:level");
        assertThat(records).extracting(SenML.Record::value).containsExactly(2.05, 2.07, 6.5, 1.9);
        assertThat(records).extracting(SenML.Record::unit).containsExactly("m", "m", "Cel", "Cel");
        assertThat(records.get(1).time()).isEqualTo(Instant.ofEpochSecond(1_764_800_060L));
        assertThat(records.get(3).time()).isEqualTo(Instant.ofEpochSecond(1_764_800_000L));
    }

    @Test
    void aTimeBelowTwoToTheTwentyEighthIsRelativeToNow() throws Exception {
        var records = json(
                "[{\"n\":\"level\",\"v\":1.0,\"t\":-30},{\"n\":\"level\",\"v\":1.1},{\"n\":\"level\",\"v\":1.2,\"t\":0.5}]");
        assertThat(records)
                .extracting(SenML.Record::time)
                .containsExactly(NOW.minusSeconds(30), NOW, NOW.plusMillis(500));
    }

    @Test
    void textTruthDataAndSumValues() throws Exception {
        var records = json("""
                [{"bn":"d:","bs":100,"n":"state","vs":"open"},{"n":"on","vb":true},{"n":"blob","vd":"aGVq"},
                 {"n":"energy","s":5}]
                """);
        assertThat(records.get(0).text()).isEqualTo("open");
        assertThat(records.get(1).bool()).isTrue();
        assertThat(records.get(2).text()).isEqualTo("aGVq");
        assertThat(records.get(3).sum()).isEqualTo(105.0);
        assertThat(records.get(3).value()).isNull();
    }

    @Test
    void aRecordOfBaseFieldsOnlyIsNoReading() throws Exception {
        var records = json("[{\"bn\":\"d:\",\"bt\":1.7648e9},{\"n\":\"level\",\"v\":1}]");
        assertThat(records).singleElement().extracting(SenML.Record::name).isEqualTo("d:level");
    }

    @Test
    void cborWithIntegerLabelsIsTheSame() throws Exception {
        byte[] cbor = CBORMapper.builder()
                .build()
                .writeValueAsBytes(List.of(
                        Map.of(-2, "vanern-hamnen:", -3, 1.7648e9, -4, "m", 0, "level", 2, 2.1),
                        Map.of(0, "level", 6, 60, 2, 2.15)));
        var records = SenML.cbor(cbor, NOW);
        assertThat(records).extracting(SenML.Record::name).containsOnly("vanern-hamnen:level");
        assertThat(records).extracting(SenML.Record::value).containsExactly(2.1, 2.15);
        assertThat(records).extracting(SenML.Record::unit).containsOnly("m");
        assertThat(records.get(1).time()).isEqualTo(Instant.ofEpochSecond(1_764_800_060L));
    }

    @Test
    void whatIsNotSenMLIsRefusedWithTheReason() {
        assertMalformed("not json", "not JSON");
        assertMalformed("{\"n\":\"x\",\"v\":1}", "array");
        assertMalformed("[]", "no records");
        assertMalformed("[1]", "not an object");
        assertMalformed("[{\"n\":\"level\"}]", "needs a value");
        assertMalformed("[{\"n\":\"level\",\"v\":1,\"vs\":\"x\"}]", "more than one value");
        assertMalformed("[{\"n\":\"level\",\"v\":\"high\"}]", "v: not a number");
        assertMalformed("[{\"n\":\"\",\"v\":1}]", "name");
        assertMalformed("[{\"n\":\"bad name\",\"v\":1}]", "name");
        assertMalformed("[{\"n\":\"level\",\"v\":1,\"crit_\":1}]", "must be understood");
        assertMalformed("[{\"bver\":99,\"n\":\"level\",\"v\":1}]", "bver");
        assertMalformed("[{\"n\":\"level\",\"vb\":\"yes\"}]", "vb");
        assertMalformed("[{\"bn\":\"d:\"}]", "no values");
        assertThatThrownBy(() -> SenML.cbor(new byte[] {(byte) 0xff, 0x01}, NOW))
                .isInstanceOf(SenML.Malformed.class);
    }

    static void assertMalformed(String text, String reason) {
        assertThatThrownBy(() -> json(text))
                .as(text)
                .isInstanceOf(SenML.Malformed.class)
                .hasMessageContaining(reason);
    }
}
