package se.samla.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import se.samla.shared.YamlPositions;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a tenant's case-type files. Any mistake stops the start with one message that names the file,
 * the line and the field.
 */
final class CaseTypeFiles {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private CaseTypeFiles() {}

    static List<CaseTypeDefinition> readAll(Path directory, Predicate<String> unitExists) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<CaseTypeDefinition> definitions = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList()) {
                definitions.add(read(file, unitExists));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read case types in " + directory + ": " + e.getMessage(), e);
        }
        return definitions;
    }

    static CaseTypeDefinition read(Path file, Predicate<String> unitExists) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read case type " + file + ": " + e.getMessage(), e);
        }
        CaseTypeDefinition definition;
        try {
            definition = YAML.readValue(text, CaseTypeDefinition.class);
        } catch (JacksonException e) {
            // Jackson places errors inside records at the record's end; the YAML tree knows the key's own line
            String path = YamlPositions.fieldPath(e);
            String line = !path.isEmpty()
                    ? String.valueOf(YamlPositions.lineOf(text, path))
                    : e.getLocation() == null
                            ? "?"
                            : String.valueOf(e.getLocation().getLineNr());
            throw new IllegalStateException(
                    "Invalid case type " + file + " line " + line + ", field '" + path + "': " + e.getOriginalMessage(),
                    e);
        }
        String expectedCode = file.getFileName().toString().replaceFirst("\\.yml$", "");
        try {
            CaseTypeRules.check(definition, expectedCode, unitExists);
        } catch (CaseTypeRules.Invalid e) {
            throw new IllegalStateException(
                    "Invalid case type " + file + " line " + YamlPositions.lineOf(text, e.problem.path()) + ", field '"
                            + e.problem.path() + "': " + e.problem.message(),
                    e);
        }
        return definition;
    }
}
