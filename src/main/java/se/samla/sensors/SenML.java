package se.samla.sensors;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * Sensor Measurement Lists (RFC 8428) in JSON and CBOR, resolved as section 4.6 says: base name, base time, base
 * unit, base value and base sum carry over to the records that follow until changed; a record's name is the base name
 * and its own; a time below 2^28 is relative to now; a field whose label ends in "_" must be understood, so a pack
 * that has one is refused.
 */
final class SenML {

    /** One resolved record: a name, a moment, and exactly one of a number, a text, a truth value or a sum. */
    record Record(String name, Instant time, Double value, String text, Boolean bool, Double sum, String unit) {}

    /** The pack cannot be read as SenML; the reason names the first fault. */
    static final class Malformed extends Exception {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Relative times: below this many seconds, a time counts from now (RFC 8428 section 4.5.3). */
    static final double RELATIVE_LIMIT = 268_435_456; // 2^28

    /** The labels of SenML in CBOR (RFC 8428 section 6, table 4). */
    private static final Map<Integer, String> CBOR_LABELS = Map.ofEntries(
            Map.entry(-1, "bver"),
            Map.entry(-2, "bn"),
            Map.entry(-3, "bt"),
            Map.entry(-4, "bu"),
            Map.entry(-5, "bv"),
            Map.entry(-6, "bs"),
            Map.entry(0, "n"),
            Map.entry(1, "u"),
            Map.entry(2, "v"),
            Map.entry(3, "vs"),
            Map.entry(4, "vb"),
            Map.entry(5, "s"),
            Map.entry(6, "t"),
            Map.entry(7, "ut"),
            Map.entry(8, "vd"));

    private static final CBORMapper CBOR = CBORMapper.builder().build();

    private SenML() {}

    /** A pack in JSON, read with the application's one JSON mapper. */
    static List<Record> json(JsonMapper json, byte[] body, Instant now) throws Malformed {
        JsonNode pack;
        try {
            pack = json.readTree(body);
        } catch (JacksonException e) {
            throw new Malformed("not JSON");
        }
        return resolve(pack, now);
    }

    static List<Record> cbor(byte[] body, Instant now) throws Malformed {
        JsonNode pack;
        try {
            pack = CBOR.readTree(body);
        } catch (JacksonException e) {
            throw new Malformed("not CBOR");
        }
        if (pack == null || !pack.isArray()) {
            throw new Malformed("a SenML pack is an array of records");
        }
        // CBOR records are maps with integer labels; as text they are the JSON names
        var named = JsonNodeFactory.instance.arrayNode();
        for (JsonNode record : pack) {
            if (!record.isObject()) {
                throw new Malformed("a record is a map");
            }
            ObjectNode converted = JsonNodeFactory.instance.objectNode();
            for (var field : record.properties()) {
                String label = field.getKey();
                try {
                    label = CBOR_LABELS.getOrDefault(Integer.parseInt(label), label);
                } catch (NumberFormatException e) {
                    // a text label (an extension), as it is
                }
                converted.set(label, field.getValue());
            }
            named.add(converted);
        }
        return resolve(named, now);
    }

    static List<Record> resolve(JsonNode pack, Instant now) throws Malformed {
        if (pack == null || !pack.isArray()) {
            throw new Malformed("a SenML pack is an array of records");
        }
        if (pack.isEmpty()) {
            throw new Malformed("the pack has no records");
        }
        String baseName = "";
        double baseTime = 0;
        String baseUnit = null;
        double baseValue = 0;
        double baseSum = 0;
        List<Record> records = new ArrayList<>();
        int index = 0;
        for (JsonNode record : pack) {
            String at = "record " + index++ + ": ";
            if (!record.isObject()) {
                throw new Malformed(at + "not an object");
            }
            for (Iterator<String> names = record.propertyNames().iterator(); names.hasNext(); ) {
                String label = names.next();
                if (label.endsWith("_")) {
                    throw new Malformed(at + "the field " + label + " must be understood and is not");
                }
            }
            if (record.has("bver")
                    && (!record.get("bver").isIntegralNumber()
                            || record.get("bver").asInt() > 10)) {
                throw new Malformed(at + "bver: a version this reader does not know");
            }
            if (record.has("bn")) {
                baseName = text(record, "bn", at);
            }
            if (record.has("bt")) {
                baseTime = number(record, "bt", at);
            }
            if (record.has("bu")) {
                baseUnit = text(record, "bu", at);
            }
            if (record.has("bv")) {
                baseValue = number(record, "bv", at);
            }
            if (record.has("bs")) {
                baseSum = number(record, "bs", at);
            }
            int values = (record.has("v") ? 1 : 0)
                    + (record.has("vs") ? 1 : 0)
                    + (record.has("vb") ? 1 : 0)
                    + (record.has("vd") ? 1 : 0);
            boolean hasSum = record.has("s");
            if (values > 1) {
                throw new Malformed(at + "more than one value");
            }
            if (values == 0 && !hasSum) {
                if (record.has("n") || record.has("u") || record.has("t")) {
                    throw new Malformed(at + "a record with a name, unit or time needs a value or a sum");
                }
                continue; // a record of base fields only
            }
            String name = baseName + (record.has("n") ? text(record, "n", at) : "");
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9:./_-]*")) {
                throw new Malformed(at + "the name is empty or has characters SenML does not allow");
            }
            double time = baseTime + (record.has("t") ? number(record, "t", at) : 0);
            Instant moment = Math.abs(time) < RELATIVE_LIMIT ? now.plusNanos(nanos(time)) : instant(time, at);
            String unit = record.has("u") ? text(record, "u", at) : baseUnit;
            Double value = record.has("v") ? baseValue + number(record, "v", at) : null;
            String string = record.has("vs") ? text(record, "vs", at) : null;
            Boolean bool = null;
            if (record.has("vb")) {
                if (!record.get("vb").isBoolean()) {
                    throw new Malformed(at + "vb: not true or false");
                }
                bool = record.get("vb").asBoolean();
            }
            if (record.has("vd")) {
                string = text(record, "vd", at);
            }
            Double sum = hasSum ? baseSum + number(record, "s", at) : null;
            records.add(new Record(name, moment, value, string, bool, sum, unit));
        }
        if (records.isEmpty()) {
            throw new Malformed("the pack has no values");
        }
        return records;
    }

    private static String text(JsonNode record, String label, String at) throws Malformed {
        JsonNode node = record.get(label);
        if (!node.isString()) {
            throw new Malformed(at + label + ": not a text");
        }
        return node.asString();
    }

    private static double number(JsonNode record, String label, String at) throws Malformed {
        JsonNode node = record.get(label);
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw new Malformed(at + label + ": not a number");
        }
        return node.asDouble();
    }

    private static long nanos(double seconds) {
        return new BigDecimal(seconds).movePointRight(9).longValue();
    }

    private static Instant instant(double seconds, String at) throws Malformed {
        if (seconds > 32_503_680_000d) { // year 3000
            throw new Malformed(at + "t: beyond any time a sensor measures");
        }
        long whole = (long) Math.floor(seconds);
        return Instant.ofEpochSecond(whole, nanos(seconds - whole));
    }
}
