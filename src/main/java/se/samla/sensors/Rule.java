package se.samla.sensors;

import se.samla.shared.LocalizedText;

/**
 * A rule of a device type, as written in sensors.yml: a threshold crossed for a while, with hysteresis, or a device
 * gone silent. Exactly one of {@code above}, {@code below} and {@code silentMinutes} is given.
 *
 * @param above         fires when the measurement stays above this for {@code forMinutes}
 * @param below         fires when it stays below this for {@code forMinutes}
 * @param clear         clears when it is back past this (below it for an above-rule, above it for a below-rule),
 *                      so a value hovering at the threshold does not fire and clear by turns
 * @param silentMinutes fires when the device has sent nothing this long
 * @param category      the report category whose case a firing opens
 * @param linkMetres    how far around the device residents' open reports of the category are linked to its case;
 *                      500 m when not given
 */
public record Rule(
        String code,
        LocalizedText name,
        String type,
        String measurement,
        Double above,
        Double below,
        Double clear,
        int forMinutes,
        int silentMinutes,
        String category,
        Integer linkMetres) {

    int effectiveLinkMetres() {
        return linkMetres == null ? 500 : linkMetres;
    }

    boolean threshold() {
        return above != null || below != null;
    }

    /** Whether the value is past the threshold, the side the rule watches. */
    boolean past(double value) {
        return above != null ? value > above : value < below;
    }

    /** Whether the value is back on the safe side of the clearing level. */
    boolean cleared(double value) {
        double level = clear != null ? clear : above != null ? above : below;
        return above != null ? value < level : value > level;
    }
}
