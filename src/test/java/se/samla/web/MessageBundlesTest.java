package se.samla.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every text is there in both languages: the Swedish and English bundles have the same keys with the same
 * placeholders, and every key a page names outright is in both.
 */
class MessageBundlesTest {

    static final Path SWEDISH = Path.of("src/main/resources/messages.properties");
    static final Path ENGLISH = Path.of("src/main/resources/messages_en.properties");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");
    static final Pattern PAGE_KEY = Pattern.compile("page\\.t\\(\"([^\"]+)\"");

    static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void bothLanguagesHaveEveryKeyWithTheSamePlaceholders() throws IOException {
        Properties sv = read(SWEDISH);
        Properties en = read(ENGLISH);

        assertThat(new TreeSet<>(en.stringPropertyNames()))
                .as("keys in Swedish only, or in English only")
                .isEqualTo(new TreeSet<>(sv.stringPropertyNames()));
        for (String key : sv.stringPropertyNames()) {
            assertThat(placeholders(en.getProperty(key))).as(key).isEqualTo(placeholders(sv.getProperty(key)));
        }
    }

    @Test
    void everyKeyAPageNamesIsInBothLanguages() throws IOException {
        Properties sv = read(SWEDISH);
        Properties en = read(ENGLISH);
        Set<String> named = new HashSet<>();
        try (Stream<Path> pages = Files.walk(Path.of("src/main/jte"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".jte")).toList()) {
                Matcher m = PAGE_KEY.matcher(Files.readString(page));
                while (m.find()) {
                    // a key ending in a dot is the start of one made on the page ("role." + the role)
                    if (!m.group(1).endsWith(".")) {
                        named.add(m.group(1));
                    }
                }
            }
        }
        assertThat(named).hasSizeGreaterThan(300);
        assertThat(named).as("missing in Swedish").allMatch(sv::containsKey);
        assertThat(named).as("missing in English").allMatch(en::containsKey);
    }
}
