package se.samla.sensors;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import se.samla.tenancy.Tenants;

/**
 * The latest values of the published sensors, open to anyone, as SenML JSON: the same format the devices send, so a
 * consumer needs one parser. {@code ?type=} narrows it to one published type; an unknown or unpublished type is not
 * found.
 */
@RestController
class LatestValuesController {

    static final MediaType SENML_JSON = MediaType.parseMediaType("application/senml+json");

    private final SensorData data;
    private final Sensors sensors;
    private final Tenants tenants;

    LatestValuesController(SensorData data, Sensors sensors, Tenants tenants) {
        this.data = data;
        this.sensors = sensors;
        this.tenants = tenants;
    }

    @GetMapping(
            value = "/sensors/v1/latest",
            produces = {"application/senml+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<List<Map<String, Object>>> latest(@RequestParam(required = false) String type) {
        var tenant = tenants.current().id();
        if (type != null
                && sensors.type(tenant, type).filter(SensorType::published).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no published sensor type " + type);
        }
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
                .contentType(SENML_JSON)
                .body(data.latestSenml(tenant, type));
    }
}
