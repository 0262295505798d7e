package se.samla.messaging;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;
import se.samla.shared.OrganisationNumber;
import se.samla.shared.TenantId;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;
import se.samla.tenancy.Unit;

/** The demo mailbox operator, and a mailbox without a certificate, never run in production. */
class PostProductionGuardTest {

    @TempDir
    Path config;

    Tenants oneTenant() {
        Tenant tenant = new Tenant(
                new TenantId(UUID.randomUUID()),
                "provkommun",
                "Provkommunen",
                new OrganisationNumber("2120001439"),
                List.of(),
                null,
                null,
                null,
                new Tenant.PublicContact("kommun@example.se", "https://example.se/"),
                Tenant.WriteLimits.DEFAULT);
        return new Tenants() {
            public List<Tenant> all() {
                return List.of(tenant);
            }

            public Optional<Tenant> byId(TenantId id) {
                return Optional.of(tenant);
            }

            public Optional<Tenant> bySlug(String slug) {
                return Optional.of(tenant);
            }

            public Optional<Tenant> byHost(String host) {
                return Optional.empty();
            }

            public List<Unit> units(TenantId id) {
                return List.of();
            }

            public Optional<Unit> unit(TenantId id, String code) {
                return Optional.empty();
            }

            public Path configurationDirectory(TenantId id) {
                return config;
            }
        };
    }

    static MockEnvironment production() {
        var environment = new MockEnvironment();
        environment.setActiveProfiles("prod");
        return environment;
    }

    @Test
    void theDemoOperatorRefusesProduction() {
        assertThatThrownBy(() -> new DemoOperatorConfiguration(production()))
                .hasMessageContaining("SAMLA_DEMO_OPERATOR_ENABLED=false");
        assertThatCode(() -> new DemoOperatorConfiguration(new MockEnvironment()))
                .doesNotThrowAnyException();
    }

    @Test
    void productionRefusesTheDemoOperatorAsAMunicipalitysMailboxService() {
        // no post.yml: the default is the demo operator
        assertThatThrownBy(() -> new TenantPostSettings(oneTenant(), production()))
                .hasMessageContaining("demo mailbox operator does not run in production");
    }

    @Test
    void productionRefusesAMailboxServiceWithoutAnOrganisationCertificate() throws Exception {
        Files.writeString(
                config.resolve("post.yml"), "digitalMailbox:\n  recipientService: https://mm.example/Recipient\n");
        assertThatThrownBy(() -> new TenantPostSettings(oneTenant(), production()))
                .hasMessageContaining("No organisation certificate");
        Files.writeString(config.resolve("post.yml"), "digitalMailbox:\n  recipientService: \"\"\n");
        assertThatCode(() -> new TenantPostSettings(oneTenant(), production())).doesNotThrowAnyException();
    }
}
