package se.samla.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;
import se.samla.platform.RateLimit;

/** A municipality's limits of anonymous writes: given in tenant.yml, or the defaults; a wrong one stops the start. */
class TenantRateLimitsTest {

    @TempDir
    Path config;

    private Tenant read(String limits) throws Exception {
        Path folder = Files.createDirectories(config.resolve("ale"));
        Files.writeString(folder.resolve("tenant.yml"), """
                slug: ale
                name: Ale kommun
                organisationNumber: "212000-1504"
                login:
                  resident: { issuer: demo, clientId: ale-resident, clientSecret: x }
                  staff: { issuer: demo, clientId: ale-staff, clientSecret: x }
                units:
                  - code: KS
                    name: { sv: Kommunstyrelsen, en: Executive }
                %s
                """.formatted(limits));
        return new TenantRegistry(new TenancySettings(config, null, List.of("localhost")), new MockEnvironment())
                .bySlug("ale")
                .orElseThrow();
    }

    @Test
    void withoutLimitsTheDefaultsApply() throws Exception {
        assertThat(read("").writeLimits()).isEqualTo(Tenant.WriteLimits.DEFAULT);
        assertThat(Tenant.WriteLimits.DEFAULT.anonymousWrites()).isEqualTo(new RateLimit(20, 10));
    }

    @Test
    void whatIsGivenIsUsedAndTheRestIsTheDefault() throws Exception {
        var limits = read("""
                rateLimits:
                  anonymousWrites: { perMinute: 5 }
                """).writeLimits();
        assertThat(limits.anonymousWrites()).isEqualTo(new RateLimit(5, 10));
        assertThat(limits.open311()).isEqualTo(Tenant.WriteLimits.DEFAULT.open311());
    }

    @Test
    void aWrongLimitStopsTheStartNamingTheFileLineAndField() {
        assertThatThrownBy(() -> read("""
                rateLimits:
                  open311:
                    perMinute: 60
                    burst: 0
                """))
                .hasMessageContaining("ale/tenant.yml")
                .hasMessageContaining("line 13")
                .hasMessageContaining("open311")
                .hasMessageContaining("burst")
                .hasMessageContaining("must be a whole number from 1");
        assertThatThrownBy(() -> read("""
                rateLimits:
                  anonymousWrites: { perMinute: många }
                """))
                .hasMessageContaining("ale/tenant.yml")
                .hasMessageContaining("line 11")
                .hasMessageContaining("perMinute");
        assertThatThrownBy(() -> read("""
                rateLimits:
                  anonymousWrites: { perMinute: 1.5 }
                """))
                .hasMessageContaining("line 11")
                .hasMessageContaining("perMinute")
                .hasMessageContaining("must be a whole number");
        assertThatThrownBy(() -> read("""
                rateLimits:
                  anonymousWrite: { perMinute: 5 }
                """)).hasMessageContaining("anonymousWrite");
    }
}
