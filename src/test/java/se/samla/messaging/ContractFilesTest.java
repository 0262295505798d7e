package se.samla.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The contract Samla validates against is the one the project's standards folder holds: every schema and WSDL in
 * src/main/resources/mina-meddelanden is byte for byte the file in ../shared/standards/mina-meddelanden. Where that
 * folder is not next to the repository (a clone on its own), there is nothing to compare with.
 */
class ContractFilesTest {

    static final Path OURS = Path.of("src/main/resources/mina-meddelanden");
    static final Path STANDARD = Path.of("../shared/standards/mina-meddelanden");

    @Test
    void theCopiedContractIsTheStandardsOwn() throws Exception {
        assumeTrue(Files.isDirectory(STANDARD), "the standards folder is not next to this clone");
        try (Stream<Path> files = Files.walk(STANDARD)) {
            var contract = files.filter(
                            f -> f.toString().endsWith(".xsd") || f.toString().endsWith(".wsdl"))
                    .toList();
            assertThat(contract).isNotEmpty();
            for (Path standard : contract) {
                Path ours = OURS.resolve(STANDARD.relativize(standard).toString());
                assertThat(ours).as("copied: " + ours).exists();
                assertThat(Files.readAllBytes(ours)).as(ours.toString()).isEqualTo(Files.readAllBytes(standard));
            }
        }
    }
}
