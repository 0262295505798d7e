package se.samla.catalog;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
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
            String path = fieldPath(e);
            String line = !path.isEmpty()
                    ? String.valueOf(lineOf(text, path))
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
                    "Invalid case type " + file + " line " + lineOf(text, e.problem.path()) + ", field '"
                            + e.problem.path() + "': " + e.problem.message(),
                    e);
        }
        return definition;
    }

    private static String fieldPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The line (1-based) of the deepest node of the path that the file has; the path looks like form[2].showWhen.field. */
    static int lineOf(String text, String path) {
        Node node = new Yaml().compose(new StringReader(text));
        int line = node == null ? 1 : node.getStartMark().getLine() + 1;
        for (String step : path.split("\\.|(?=\\[)")) {
            if (node == null || step.isEmpty()) {
                break;
            }
            Node next = null;
            if (step.startsWith("[") && node instanceof SequenceNode sequence) {
                int index = Integer.parseInt(step.substring(1, step.length() - 1));
                next = index < sequence.getValue().size() ? sequence.getValue().get(index) : null;
            } else if (node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key
                            && key.getValue().equals(step)) {
                        next = tuple.getValueNode();
                        line = tuple.getKeyNode().getStartMark().getLine() + 1;
                    }
                }
            }
            if (next == null) {
                break;
            }
            node = next;
            if (!(node instanceof ScalarNode)) {
                line = Math.max(line, node.getStartMark().getLine() + 1);
            }
        }
        return line;
    }
}
