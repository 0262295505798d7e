package se.samla.shared;

import java.io.StringReader;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import tools.jackson.core.JacksonException;

/** Where in a configuration file a mistake is, so that the message stopping the start can name its line and field. */
public final class YamlPositions {

    private YamlPositions() {}

    /** The field a reading error is about, as a path like form[2].showWhen.field. */
    public static String fieldPath(JacksonException e) {
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
    public static int lineOf(String text, String path) {
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
