package se.samla.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.samla.shared.LocalizedText;
import se.samla.shared.TenantId;

/** A life-events file with a mistake stops the start, naming the file, line and field; what it names is checked. */
class LifeEventFilesTest {

    @TempDir
    Path dir;

    private static final String BUILDING = """
            - code: bygga
              name: { sv: Bygga och renovera, en: Building and renovating }
              summary: { sv: Bygglov och annat., en: Building permits and more. }
              eServices: [bygglov]
              facilities: [hallen]
            """;

    private LifeEventFiles.Read file(String text) throws IOException {
        Path file = dir.resolve("life-events-" + UUID.randomUUID() + ".yml");
        Files.writeString(file, text);
        return LifeEventFiles.read(file);
    }

    private static GuideItem item(GuideItem.Kind kind, String code) {
        return new GuideItem(kind, code, new LocalizedText(code, code), null, "/" + code, List.of(), null);
    }

    @Test
    void aValidFileIsRead() throws IOException {
        var read = file(BUILDING);
        assertThat(read.events()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("bygga");
            assertThat(e.eServices()).containsExactly("bygglov");
        });
    }

    @Test
    void eachMistakeIsNamedWithItsLineAndField() {
        assertThatThrownBy(() -> file(BUILDING.replace(", en: Building and renovating", "")))
                .hasMessageContaining("line 2, field '[0].name'")
                .hasMessageContaining("English text (en) is required");
        assertThatThrownBy(() -> file(BUILDING.replace("code: bygga", "code: Bygga Om")))
                .hasMessageContaining("line 1, field '[0].code'");
        assertThatThrownBy(() -> file(BUILDING + BUILDING)).hasMessageContaining("'bygga' is named twice");
        assertThatThrownBy(() -> file(BUILDING.replace("eServices: [bygglov]", "eServices: [bygglov, bygglov]")))
                .hasMessageContaining("field '[0].eServices[1]': 'bygglov' is named twice");
        assertThatThrownBy(() -> file(BUILDING + "- \n")).hasMessageContaining("field '[1]': an empty life event");
        assertThatThrownBy(() -> file(BUILDING.replace("  eServices:", "  eservices:")))
                .hasMessageContaining("line 4")
                .hasMessageContaining("eservices");
        assertThatThrownBy(() -> file("""
                        - code: tom
                          name: { sv: Tom, en: Empty }
                          summary: { sv: Inget., en: Nothing. }
                        """)).hasMessageContaining("gathers nothing");
        assertThatThrownBy(() -> file(BUILDING + """
                              pages:
                                - title: { sv: Boverket, en: Boverket }
                                  url: http://www.boverket.se/
                            """))
                .hasMessageContaining("line 8, field '[0].pages[0].url'")
                .hasMessageContaining("https");
    }

    @Test
    void aMunicipalitysOwnFileNamesOnlyWhatItOffers() throws IOException {
        var tenant = new TenantId(UUID.randomUUID());
        var events = new LifeEvents(Map.of(tenant, file(BUILDING)), Set.of());
        assertThatThrownBy(() -> events.check(Map.of(tenant, List.of(item(GuideItem.Kind.ESERVICE, "bygglov")))))
                .hasMessageContaining("line 5, field '[0].facilities[0]'")
                .hasMessageContaining("'hallen' is not a facility this municipality offers");
        // an e-service is not a facility of the same code
        assertThatThrownBy(() -> events.check(Map.of(
                        tenant,
                        List.of(item(GuideItem.Kind.ESERVICE, "bygglov"), item(GuideItem.Kind.ESERVICE, "hallen")))))
                .hasMessageContaining("'hallen' is not a facility");
        events.check(Map.of(
                tenant, List.of(item(GuideItem.Kind.ESERVICE, "bygglov"), item(GuideItem.Kind.FACILITY, "hallen"))));
    }

    @Test
    void theSharedSetLeavesOutWhatAMunicipalityLacksButNotWhatNoneOffers() throws IOException {
        var shared = file(BUILDING);
        var big = new TenantId(UUID.randomUUID());
        var small = new TenantId(UUID.randomUUID());
        var events = new LifeEvents(Map.of(big, shared, small, shared), Set.of(big, small));
        List<GuideItem> bigOffers =
                List.of(item(GuideItem.Kind.ESERVICE, "bygglov"), item(GuideItem.Kind.FACILITY, "hallen"));
        List<GuideItem> smallOffers = List.of(item(GuideItem.Kind.ESERVICE, "bygglov"));
        events.check(Map.of(big, bigOffers, small, smallOffers));
        assertThat(events.of(small, smallOffers))
                .singleElement()
                .satisfies(
                        g -> assertThat(g.items()).extracting(GuideItem::code).containsExactly("bygglov"));
        assertThat(events.of(big, bigOffers).get(0).items())
                .extracting(GuideItem::code)
                .containsExactly("bygglov", "hallen");

        assertThatThrownBy(() -> events.check(Map.of(big, smallOffers, small, smallOffers)))
                .hasMessageContaining("'hallen' is not a facility any municipality offers");
    }
}
