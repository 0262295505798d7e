package se.samla.fees;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import se.samla.shared.CurrentTenant;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The local stand-in for a Peppol access point: it knows the participants in config/demo-peppol/participants.yml,
 * and keeps each document it is given instead of sending it. Never in production.
 */
@Component
@Profile("!prod")
class DemoAccessPoint implements AccessPoint {

    record Directory(List<String> participants) {}

    private final Set<String> participants;
    private final JdbcClient jdbc;
    private final Clock clock;

    DemoAccessPoint(
            @Value("${samla.peppol.demo-participants:config/demo-peppol/participants.yml}") Path file,
            JdbcClient jdbc,
            Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        if (!Files.isRegularFile(file)) {
            this.participants = Set.of();
            return;
        }
        try {
            var read = YAMLMapper.builder().build().readValue(Files.readString(file), Directory.class);
            this.participants = read.participants() == null ? Set.of() : Set.copyOf(read.participants());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot read the demo Peppol directory " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean reaches(String participantId) {
        return participants.contains(participantId);
    }

    @Override
    public void send(String participantId, UUID invoiceId, String document) {
        jdbc.sql("""
                INSERT INTO fees.peppol_message (id, tenant_id, invoice_id, receiver, document, sent_at)
                VALUES (:id, :t, :i, :r, :d, :at) ON CONFLICT (tenant_id, invoice_id) DO NOTHING
                """)
                .param("id", UUID.randomUUID())
                .param("t", CurrentTenant.require().value())
                .param("i", invoiceId)
                .param("r", participantId)
                .param("d", document)
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }
}
