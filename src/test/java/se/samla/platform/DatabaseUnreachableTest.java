package se.samla.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Started against a database that is not there, Samla says in one line what to check, and exits non-zero. */
class DatabaseUnreachableTest {

    @Test
    void saysWhatToCheckAndExitsNonZero() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder builder = new ProcessBuilder(
                        List.of(java, "-cp", System.getProperty("java.class.path"), "se.samla.SamlaApplication"))
                .redirectErrorStream(true);
        builder.environment().put("SAMLA_DB_URL", "jdbc:postgresql://127.0.0.1:1/samla");
        builder.environment().put("SAMLA_DB_USER", "samla_app");
        builder.environment().put("SAMLA_DB_PASSWORD", "not-a-real-password");
        builder.environment().put("SAMLA_PORT", "0");
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("the process ends by itself")
                .isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).isNotZero();
        assertThat(output)
                .contains("Samla cannot reach its database at jdbc:postgresql://127.0.0.1:1/samla")
                .contains("SAMLA_DB_URL")
                .doesNotContain("\tat ")
                .doesNotContain("not-a-real-password");
        assertThat(output.lines().filter(line -> line.contains("cannot reach its database")))
                .hasSize(1);
    }
}
