package se.samla.sensors;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import se.samla.tenancy.Tenants;

/**
 * Readings over HTTPS: a device posts SenML (application/senml+json or application/senml+cbor) with its own bearer
 * token. The answer says what was stored, what had been stored before, and what was refused and why.
 */
@RestController
class SensorApiController {

    static final MediaType SENML_JSON = MediaType.parseMediaType("application/senml+json");
    static final MediaType SENML_CBOR = MediaType.parseMediaType("application/senml+cbor");

    private final Readings readings;
    private final Tenants tenants;

    SensorApiController(Readings readings, Tenants tenants) {
        this.readings = readings;
        this.tenants = tenants;
    }

    @PostMapping(value = "/sensors/v1/devices/{device}/senml", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> post(
            @PathVariable String device,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestBody(required = false) byte[] body) {
        var tenant = tenants.current().id();
        String token = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()).strip()
                : null;
        if (!readings.authorised(tenant, device, token)) {
            // the same answer for an unknown device and a wrong token: neither tells which devices exist
            readings.refuse(
                    tenant,
                    readings.known(tenant, device) ? device : Readings.UNKNOWN,
                    Readings.Refusal.UNAUTHORISED,
                    device.length() > 60 ? device.substring(0, 60) : device);
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"samla-sensors\"")
                    .body(Map.of("error", "unauthorised", "message", "the device's bearer token is needed"));
        }
        Readings.Format format;
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (RuntimeException e) {
            type = null;
        }
        if (type != null && type.isCompatibleWith(SENML_CBOR)) {
            format = Readings.Format.CBOR;
        } else if (type != null
                && (type.isCompatibleWith(SENML_JSON) || type.isCompatibleWith(MediaType.APPLICATION_JSON))) {
            format = Readings.Format.JSON;
        } else {
            return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                    .body(Map.of(
                            "error", "unsupported-media-type",
                            "message", "send application/senml+json or application/senml+cbor"));
        }
        var outcome = readings.ingest(tenant, device, body == null ? new byte[0] : body, format);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("stored", outcome.stored());
        answer.put("duplicates", outcome.duplicates());
        Map<String, Integer> refused = new LinkedHashMap<>();
        outcome.refused().forEach((reason, n) -> refused.put(reason.name().toLowerCase(java.util.Locale.ROOT), n));
        answer.put("refused", refused);
        if (outcome.refused().containsKey(Readings.Refusal.MALFORMED)) {
            answer.put("error", "malformed");
            return ResponseEntity.badRequest().body(answer);
        }
        HttpStatus status =
                outcome.stored() + outcome.duplicates() == 0 ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.OK;
        return ResponseEntity.status(status).body(answer);
    }
}
