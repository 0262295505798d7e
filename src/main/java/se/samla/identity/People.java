package se.samla.identity;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.shared.CurrentTenant;

/** The residents Samla knows in the current municipality: those who have logged in at least once. */
@Service
public class People {

    private final JdbcClient jdbc;

    People(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The person's id here, if they have logged in; their post and Mina sidor are kept under it. */
    @Transactional(readOnly = true)
    public Optional<UUID> idOf(String personalIdentityNumber) {
        return jdbc.sql("SELECT id FROM identity.person WHERE tenant_id = :tenant AND personal_identity_number = :n")
                .param("tenant", CurrentTenant.require().value())
                .param("n", personalIdentityNumber)
                .query(UUID.class)
                .optional();
    }
}
