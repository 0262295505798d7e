package se.samla.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/**
 * A federation's file: its units become units of the members they serve, under the same codes, and a file that
 * would let a unit be taken for another stops the start naming the file and the field.
 */
class FederationConfigurationTest {

    @TempDir
    Path config;

    void municipality(String slug, String name, String orgNumber, String unit) throws Exception {
        Path folder = Files.createDirectories(config.resolve("tenants").resolve(slug));
        Files.writeString(folder.resolve("tenant.yml"), """
                slug: %1$s
                name: %2$s
                organisationNumber: "%3$s"
                hosts: [%1$s.localhost]
                login:
                  resident: { issuer: demo, clientId: %1$s-resident, clientSecret: x }
                  staff: { issuer: demo, clientId: %1$s-staff, clientSecret: x }
                units:
                  - code: %4$s
                    name: { sv: Förvaltningen, en: Administration }
                """.formatted(slug, name, orgNumber, unit));
    }

    TenantRegistry federation(String units, String members) throws Exception {
        municipality("ale", "Ale kommun", "212000-1504", "KS");
        municipality("lerum", "Lerums kommun", "212000-1439", "SBF");
        Path folder = Files.createDirectories(config.resolve("federations").resolve("miljo"));
        Files.writeString(folder.resolve("federation.yml"), """
                slug: miljo
                name: Miljöförbundet
                organisationNumber: "222000-1230"
                members: %s
                units:
                %s
                """.formatted(members, units.indent(2)));
        return new TenantRegistry(
                new TenancySettings(config.resolve("tenants"), config.resolve("federations"), List.of("localhost")),
                new MockEnvironment());
    }

    @Test
    void aFederationsUnitsBecomeUnitsOfTheMembersTheyServe() throws Exception {
        var registry = federation("""
                - code: MF
                  name: { sv: Miljöförbundet, en: Environment federation }
                  serves: [ale]
                  sections:
                    - code: MF-LIVS
                      name: { sv: Livsmedel, en: Food }
                """, "[ale, lerum]");
        var ale = registry.bySlug("ale").orElseThrow().id();
        var lerum = registry.bySlug("lerum").orElseThrow().id();
        assertThat(registry.units(ale)).extracting(Unit::code).containsExactly("KS", "MF", "MF-LIVS");
        assertThat(registry.units(lerum)).extracting(Unit::code).containsExactly("SBF");
        assertThat(registry.federationOf(ale, "MF-LIVS")).map(Federation::slug).contains("miljo");
        assertThat(registry.federationOf(lerum, "MF-LIVS")).isEmpty();
        assertThat(registry.federationOf(ale, "KS")).isEmpty();
    }

    @Test
    void aUnitCodeAMemberHasIsRefusedEvenWhereTheUnitDoesNotServe() {
        // Lerum's own SBF would be taken for the federation's at a Lerum officer's login
        assertThatThrownBy(() -> federation("""
                        - code: SBF
                          name: { sv: Bygg, en: Building }
                          serves: [ale]
                        """, "[ale, lerum]"))
                .hasMessageContaining("federation.yml")
                .hasMessageContaining("unit code SBF is already a unit of lerum");
    }

    @Test
    void anUnknownMemberOrAServedNonMemberIsRefused() {
        assertThatThrownBy(() -> federation("""
                        - code: MF
                          name: { sv: Miljöförbundet, en: Environment federation }
                        """, "[ale, atlantis]"))
                .hasMessageContaining("member 'atlantis' is not a configured municipality");
    }

    @Test
    void aServedMunicipalityMustBeAMember() {
        assertThatThrownBy(() -> federation("""
                        - code: MF
                          name: { sv: Miljöförbundet, en: Environment federation }
                          serves: [lerum]
                        """, "[ale]"))
                .hasMessageContaining("unit MF serves 'lerum', which is not a member");
    }
}
