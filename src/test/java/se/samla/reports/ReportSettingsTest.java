package se.samla.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tenant's reports.yml: defaults when absent, and a wrong value stops the start naming the file and field. */
class ReportSettingsTest {

    @TempDir
    Path folder;

    private ReportSettings read(String yaml) throws IOException {
        Path file = folder.resolve("reports.yml");
        Files.writeString(file, yaml);
        return ReportSettings.read(file, "ort");
    }

    @Test
    void withoutAFileTheDefaultsApply() {
        var settings = ReportSettings.read(folder.resolve("missing.yml"), "ort");
        assertThat(settings.duplicateDistanceMetres()).isEqualTo(50);
        assertThat(settings.jurisdiction()).isEqualTo("ort");
        assertThat(settings.tileUrl()).isEqualTo(ReportSettings.DEFAULT_TILES);
    }

    @Test
    void theFileIsRead() throws IOException {
        var settings = read("""
                map: { tiles: "https://karta.ort.se/{z}/{x}/{y}.png", attribution: "Ort kommun", center: [59.0, 15.0], zoom: 12 }
                duplicateDistanceMetres: 75
                open311: { jurisdiction: ort.se }
                """);
        assertThat(settings.tileUrl()).isEqualTo("https://karta.ort.se/{z}/{x}/{y}.png");
        assertThat(settings.center()).isEqualTo(new Position(59.0, 15.0));
        assertThat(settings.zoom()).isEqualTo(12);
        assertThat(settings.duplicateDistanceMetres()).isEqualTo(75);
        assertThat(settings.jurisdiction()).isEqualTo("ort.se");
    }

    @Test
    void aWrongValueNamesTheFileAndField() throws IOException {
        assertThatThrownBy(() -> read("duplicateDistanceMetres: femtio\n"))
                .hasMessageContaining("reports.yml")
                .hasMessageContaining("duplicateDistanceMetres");
        assertThatThrownBy(() -> read("duplicateDistanceMetres: 0\n")).hasMessageContaining("duplicateDistanceMetres");
        assertThatThrownBy(() -> read("map: { center: [95, 12] }\n")).hasMessageContaining("map.center");
        assertThatThrownBy(() -> read("map: { center: 58 }\n")).hasMessageContaining("map.center");
        assertThatThrownBy(() -> read("map: { zoom: 30 }\n")).hasMessageContaining("map.zoom");
        assertThatThrownBy(() -> read("- a list\n")).hasMessageContaining("must be a mapping");
        assertThatThrownBy(() -> read("map: [unclosed\n")).hasMessageContaining("is not YAML");
    }
}
