package se.samla.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** A municipality's public contact, which its open data catalogue names: given in tenant.yml, or the usual forms. */
class TenantContactTest {

    @TempDir
    Path config;

    private Tenant read(String contact) throws Exception {
        Path folder = Files.createDirectories(config.resolve("ale"));
        Files.writeString(folder.resolve("tenant.yml"), """
                slug: ale
                name: Ale kommun
                organisationNumber: "212000-1504"
                %s
                login:
                  resident: { issuer: demo, clientId: ale-resident, clientSecret: x }
                  staff: { issuer: demo, clientId: ale-staff, clientSecret: x }
                units:
                  - code: KS
                    name: { sv: Kommunstyrelsen, en: Executive }
                """.formatted(contact));
        return new TenantRegistry(
                        new TenancySettings(config, null, java.util.List.of("localhost")), new MockEnvironment())
                .bySlug("ale")
                .orElseThrow();
    }

    @Test
    void theContactGivenIsUsed() throws Exception {
        var tenant = read("contact: { email: ale.kommun@ale.se, homepage: https://ale.se/ }");
        assertThat(tenant.contact()).isEqualTo(new Tenant.PublicContact("ale.kommun@ale.se", "https://ale.se/"));
    }

    @Test
    void withoutOneTheUsualFormsAreUsed() throws Exception {
        assertThat(read("").contact()).isEqualTo(new Tenant.PublicContact("kommun@ale.se", "https://www.ale.se/"));
    }

    @Test
    void aWrongContactStopsTheStartNamingTheField() {
        assertThatThrownBy(() -> read("contact: { email: inte en adress }"))
                .hasMessageContaining("ale/tenant.yml")
                .hasMessageContaining("contact.email");
        assertThatThrownBy(() -> read("contact: { homepage: \"javascript:alert(1)\" }"))
                .hasMessageContaining("contact.homepage");
    }
}
