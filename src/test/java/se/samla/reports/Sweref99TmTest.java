package se.samla.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WGS84 and SWEREF 99 TM, checked against the projection's defining properties and by round trips. */
class Sweref99TmTest {

    @Test
    void onTheCentralMeridianAtTheEquatorTheGridIsAtItsFalseOrigin() {
        GridPosition origin = Sweref99Tm.fromWgs84(new Position(0, 15));
        assertThat(origin.easting()).isCloseTo(500_000, within(0.001));
        assertThat(origin.northing()).isCloseTo(0, within(0.001));
    }

    @Test
    void theCentralMeridianKeepsItsFalseEastingAtAnyLatitude() {
        assertThat(Sweref99Tm.fromWgs84(new Position(58.38, 15)).easting()).isCloseTo(500_000, within(0.001));
    }

    @Test
    void northIsAboutOneDegreeInOneHundredAndElevenKilometres() {
        double a = Sweref99Tm.fromWgs84(new Position(58, 15)).northing();
        double b = Sweref99Tm.fromWgs84(new Position(59, 15)).northing();
        // a degree of latitude at 58.5° N is 111.4 km; the scale on the central meridian is 0.9996
        assertThat(b - a).isCloseTo(111_380 * 0.9996, within(150.0));
    }

    @ParameterizedTest
    @CsvSource({"58.3807, 12.3234", "58.2837, 12.2886", "55.6050, 13.0038", "67.8558, 20.2253", "59.3293, 18.0686"})
    void swedishPlacesGoThereAndBackToTheMillimetre(double latitude, double longitude) {
        Position place = new Position(latitude, longitude);
        GridPosition grid = Sweref99Tm.fromWgs84(place);
        assertThat(grid.northing()).isBetween(6_100_000.0, 7_700_000.0);
        assertThat(grid.easting()).isBetween(200_000.0, 950_000.0);
        Position back = Sweref99Tm.toWgs84(grid);
        assertThat(back.latitude()).isCloseTo(latitude, within(1e-8));
        assertThat(back.longitude()).isCloseTo(longitude, within(1e-8));
    }

    @Test
    void westOfTheCentralMeridianIsWestOfTheFalseEasting() {
        // Vänersborg lies about 2.7 degrees west of 15° E
        assertThat(Sweref99Tm.fromWgs84(new Position(58.3807, 12.3234)).easting())
                .isBetween(330_000.0, 350_000.0);
    }

    @Test
    void impossibleCoordinatesAreRefused() {
        assertThatThrownBy(() -> new Position(91, 12)).hasMessageContaining("latitude");
        assertThatThrownBy(() -> new Position(58, -181)).hasMessageContaining("longitude");
        assertThatThrownBy(() -> new Position(Double.NaN, 12)).hasMessageContaining("latitude");
    }
}
