package se.samla.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every statement Samla runs on a municipality's table names the municipality ({@code tenant_id = :tenant}), so that
 * a Citus cluster sends it to the one node that holds the municipality instead of to every node. Row-level security
 * would keep the answer right either way; this keeps it cheap. The statements are read from the sources: text blocks
 * and string literals that begin like SQL. A statement finished at run time (a constant fragment, or literals joined
 * to a variable) is not judged here; on a cluster, {@code citus/test.sh} refuses any statement that reaches every node.
 */
class TenantInEveryStatementTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    private static final Pattern ISOLATED = Pattern.compile("samla_isolate_by_tenant\\('([\\w.\"]+)'");
    private static final Pattern TEXT_BLOCK =
            Pattern.compile("(static final String \\w+ = )?\"\"\"\\n(.*?)\"\"\"", Pattern.DOTALL);
    private static final Pattern LITERALS =
            Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"(?:\\s*\\+\\s*(?:\"(?:[^\"\\\\\\n]|\\\\.)*\"|[\\w.()]+))*");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern STATEMENT =
            Pattern.compile("^\\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAMES_TENANT =
            Pattern.compile("tenant_id\\s*(=\\s*(:\\w|\\?|samla_current_tenant)|=\\s*ANY)", Pattern.CASE_INSENSITIVE);

    /** A statement as written in a source file. */
    record Statement(Path file, int line, String sql, boolean finishedAtRunTime) {

        @Override
        public String toString() {
            return file + ":" + line + ": " + String.join(" ", sql.trim().split("\\s+"));
        }
    }

    @Test
    void everyStatementOnAMunicipalitysTableNamesTheMunicipality() throws IOException {
        Pattern tables = tablePattern();
        List<String> fanningOut = new ArrayList<>();
        int judged = 0;
        for (Statement statement : statements()) {
            String sql = statement.sql();
            if (statement.finishedAtRunTime() || !tables.matcher(sql).find() || sql.contains("pg_advisory")) {
                continue;
            }
            judged++;
            boolean plainInsert = sql.strip().toUpperCase().startsWith("INSERT")
                    && !Pattern.compile("\\bSELECT\\b", Pattern.CASE_INSENSITIVE)
                            .matcher(sql)
                            .find();
            if (plainInsert
                    ? !sql.toLowerCase().contains("tenant")
                    : !NAMES_TENANT.matcher(sql).find()) {
                fanningOut.add(statement.toString());
            }
        }
        // the reading itself works: it finds the hundreds of statements there are
        assertThat(judged).isGreaterThan(300);
        assertThat(fanningOut)
                .as("statements that reach every node of a cluster")
                .isEmpty();
    }

    @Test
    void theReadingFindsAStatementWithoutTheMunicipality() {
        String source = """
                class Example {
                    void bad() {
                        jdbc.sql(\"""
                                SELECT count(*) FROM cases."case" WHERE status = :s
                                \""").param("s", "ny").query(Long.class).single();
                        jdbc.sql("UPDATE booking.booking SET status = :to " + "WHERE id = :id").update();
                    }
                }
                """;
        List<Statement> found = statements(Path.of("Example.java"), source);
        assertThat(found)
                .extracting(Statement::line, s -> NAMES_TENANT.matcher(s.sql()).find())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3, false), org.assertj.core.groups.Tuple.tuple(6, false));
        assertThat(NAMES_TENANT
                        .matcher("UPDATE booking.booking SET x = 1 WHERE tenant_id = :tenant AND id = :id")
                        .find())
                .isTrue();
    }

    private static Pattern tablePattern() throws IOException {
        Set<String> isolated = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MIGRATIONS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Matcher m = ISOLATED.matcher(Files.readString(file));
                while (m.find()) {
                    isolated.add(m.group(1).replace("\"", ""));
                }
            }
        }
        assertThat(isolated).as("the municipalities' tables").hasSizeGreaterThan(50);
        // schema.table, the table's name quoted or not (cases."case")
        String alternatives = isolated.stream()
                .sorted((a, b) -> b.length() - a.length())
                .map(t -> t.replace(".", "\\.\"?") + "\"?")
                .collect(java.util.stream.Collectors.joining("|"));
        return Pattern.compile("\\b(" + alternatives + ")(?!\\w)");
    }

    private static List<Statement> statements() throws IOException {
        List<Statement> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.addAll(statements(file, Files.readString(file)));
            }
        }
        return all;
    }

    static List<Statement> statements(Path file, String source) {
        List<Statement> found = new ArrayList<>();
        Matcher block = TEXT_BLOCK.matcher(source);
        while (block.find()) {
            String sql = block.group(2);
            if (STATEMENT.matcher(sql).find()) {
                // a constant is a fragment, finished where it is used
                found.add(new Statement(file, line(source, block.start()), sql, block.group(1) != null));
            }
        }
        String withoutBlocks =
                TEXT_BLOCK.matcher(source).replaceAll(m -> "\n".repeat(m.group().split("\n", -1).length - 1));
        Matcher literals = LITERALS.matcher(withoutBlocks);
        while (literals.find()) {
            String joined = literals.group();
            StringBuilder sql = new StringBuilder();
            Matcher literal = LITERAL.matcher(joined);
            int literalChars = 0;
            while (literal.find()) {
                sql.append(literal.group(1));
                literalChars += literal.group().length();
            }
            if (STATEMENT.matcher(sql).find()) {
                boolean variablePart = joined.replaceAll(LITERAL.pattern(), "")
                                .replaceAll("[\\s+]", "")
                                .length()
                        > 0;
                found.add(new Statement(
                        file, line(withoutBlocks, literals.start()), sql.toString(), variablePart && literalChars > 0));
            }
        }
        return found;
    }

    private static int line(String source, int at) {
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
