package se.samla.sensors;

/**
 * A sensor of a municipality.
 *
 * @param unit             the organisational unit that owns it and handles what it reports
 * @param credentialSha256 the SHA-256 (hex) of the bearer token it posts readings over HTTP with
 * @param baseName         the SenML base name its readings are named under; by default its id and a colon
 */
public record Device(
        String id, String type, String name, String unit, Place place, String credentialSha256, String baseName) {

    public Device {
        baseName = baseName == null || baseName.isBlank() ? id + ":" : baseName;
    }

    /** Where it is, in WGS84 degrees. */
    public record Place(double latitude, double longitude) {}
}
