package se.samla.guide;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import se.samla.shared.LocalizedText;
import se.samla.shared.YamlPositions;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a life-events file. Any mistake stops the start with one message that names the file, the line and the
 * field; what the events refer to is checked once every module has said what it offers ({@link LifeEvents}).
 */
final class LifeEventFiles {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final Pattern CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** A file as read: its events, and its text for placing a later complaint on a line. */
    record Read(Path file, String text, List<LifeEvent> events) {

        IllegalStateException invalid(String field, String problem) {
            return new IllegalStateException("Invalid life events " + file + " line "
                    + YamlPositions.lineOf(text, field) + ", field '" + field + "': " + problem);
        }
    }

    private LifeEventFiles() {}

    static Read read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read life events " + file + ": " + e.getMessage(), e);
        }
        List<LifeEvent> events;
        try {
            events = YAML.readValue(text, new TypeReference<List<LifeEvent>>() {});
        } catch (JacksonException e) {
            String path = YamlPositions.fieldPath(e);
            throw new IllegalStateException(
                    "Invalid life events " + file + " line " + YamlPositions.lineOf(text, path) + ", field '" + path
                            + "': " + e.getOriginalMessage(),
                    e);
        }
        Read read = new Read(file, text, events == null ? List.of() : java.util.Collections.unmodifiableList(events));
        check(read);
        return new Read(file, text, List.copyOf(events == null ? List.of() : events));
    }

    private static void check(Read read) {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < read.events().size(); i++) {
            LifeEvent event = read.events().get(i);
            String at = "[" + i + "]";
            if (event == null) {
                throw read.invalid(at, "an empty life event");
            }
            if (event.code() == null || !CODE.matcher(event.code()).matches()) {
                throw read.invalid(at + ".code", "a code of lower-case letters, digits and hyphens is required");
            }
            if (!codes.add(event.code())) {
                throw read.invalid(at + ".code", "'" + event.code() + "' is named twice");
            }
            bothLanguages(read, at + ".name", event.name());
            bothLanguages(read, at + ".summary", event.summary());
            if (event.eServices().isEmpty()
                    && event.reports().isEmpty()
                    && event.facilities().isEmpty()
                    && event.pages().isEmpty()) {
                throw read.invalid(
                        at,
                        "'" + event.code() + "' gathers nothing: name e-services, reports, facilities " + "or pages");
            }
            unique(read, at + ".eServices", event.eServices());
            unique(read, at + ".reports", event.reports());
            unique(read, at + ".facilities", event.facilities());
            unique(
                    read,
                    at + ".pages",
                    event.pages().stream().map(p -> p == null ? null : p.url()).toList());
            for (int p = 0; p < event.pages().size(); p++) {
                LifeEvent.InformationPage page = event.pages().get(p);
                String pageAt = at + ".pages[" + p + "]";
                if (page == null) {
                    throw read.invalid(pageAt, "an empty page");
                }
                bothLanguages(read, pageAt + ".title", page.title());
                if (!isHttps(page.url())) {
                    throw read.invalid(pageAt + ".url", "an absolute https address is required");
                }
            }
            unique(
                    read,
                    at + ".pages",
                    event.pages().stream().map(LifeEvent.InformationPage::url).toList());
        }
    }

    private static void unique(Read read, String field, List<String> codes) {
        Set<String> seen = new HashSet<>();
        // (an empty entry does not get this far: the list cannot be read with it)
        for (int i = 0; i < codes.size(); i++) {
            if (!seen.add(codes.get(i))) {
                throw read.invalid(field + "[" + i + "]", "'" + codes.get(i) + "' is named twice");
            }
        }
    }

    // every public page is in Swedish and English, so a name shown on one must be in both
    private static void bothLanguages(Read read, String field, LocalizedText text) {
        if (text == null || text.sv() == null || text.sv().isBlank()) {
            throw read.invalid(field, "a Swedish text (sv) is required");
        }
        if (text.en() == null || text.en().isBlank()) {
            throw read.invalid(field, "an English text (en) is required");
        }
    }

    private static boolean isHttps(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = URI.create(url);
            return "https".equals(uri.getScheme()) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
