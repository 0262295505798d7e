package se.samla.cases;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import se.samla.catalog.CaseType;
import se.samla.catalog.FieldType;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a person signs when they sign an application: one canonical JSON text of the case type and its version,
 * every answer, and every file's name and SHA-256, with keys in order so that the same application always gives the
 * same text. The SHA-256 of that text is the data the e-ID signs.
 *
 * @param text   the canonical summary
 * @param sha256 its digest, in hex
 */
record ApplicationSummary(String text, String sha256) {

    static final String FORMAT = "samla-application-summary/1";

    /**
     * Whose application it is and who sends it.
     *
     * @param applicant the applicant's personal identity number, or organisation number
     * @param actingAs  CHILD, POWER_OF_ATTORNEY or ORGANISATION when the sender acts for the applicant; else null
     * @param sender    the personal identity number of who signs and sends it
     */
    record Parties(String applicant, String actingAs, String sender) {}

    static ApplicationSummary of(
            Parties parties,
            String municipality,
            CaseType type,
            Map<String, Object> answers,
            List<Attachment> files,
            JsonMapper json) {
        Map<String, Object> summary = new TreeMap<>();
        summary.put("format", FORMAT);
        summary.put("municipality", municipality);
        summary.put("caseType", type.code());
        summary.put("caseTypeVersion", type.version());
        summary.put("applicant", parties.applicant());
        summary.put("sender", parties.sender());
        if (parties.actingAs() != null) {
            summary.put("actingAs", parties.actingAs());
        }
        Map<String, Object> given = new TreeMap<>();
        type.definition().form().stream()
                .filter(f -> f.type() != FieldType.FILE && answers.get(f.key()) != null)
                .forEach(f -> given.put(f.key(), canonical(answers.get(f.key()))));
        summary.put("answers", given);
        List<Map<String, Object>> listed = new ArrayList<>();
        files.stream()
                .sorted(Comparator.comparing(Attachment::fieldKey)
                        .thenComparing(Attachment::filename)
                        .thenComparing(Attachment::sha256))
                .forEach(file -> {
                    Map<String, Object> entry = new TreeMap<>();
                    entry.put("question", file.fieldKey());
                    entry.put("name", file.filename());
                    entry.put("bytes", file.sizeBytes());
                    entry.put("sha256", file.sha256());
                    listed.add(entry);
                });
        summary.put("files", listed);
        String text = json.writeValueAsString(summary);
        return new ApplicationSummary(text, sha256(text));
    }

    /** The summary kept with a signature, read back, to show what was signed. */
    static ApplicationSummary stored(String text) {
        return new ApplicationSummary(text, sha256(text));
    }

    byte[] digest() {
        return HexFormat.of().parseHex(sha256);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> answers(JsonMapper json) {
        Object answers = json.readValue(text, Map.class).get("answers");
        return answers instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> files(JsonMapper json) {
        Object files = json.readValue(text, Map.class).get("files");
        return files instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    private static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ApplicationSummary::canonical).toList();
        }
        return value;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
