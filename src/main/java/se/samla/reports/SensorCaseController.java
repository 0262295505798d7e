package se.samla.reports;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * From a device's page to the case its rule opened: the staff to the case's report (whose page checks their access),
 * the public to the public report, when the device's type is published.
 */
@Controller
class SensorCaseController {

    private final SensorCases sensorCases;

    SensorCaseController(SensorCases sensorCases) {
        this.sensorCases = sensorCases;
    }

    @GetMapping("/personal/felanmalan/givare/{device:[a-z0-9-]{2,60}}/{rule:[a-z0-9-]{2,60}}")
    String staff(@PathVariable String device, @PathVariable String rule) {
        return "redirect:/personal/felanmalan/"
                + sensorCases
                        .latestCase(device, rule, false)
                        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND))
                        .caseId();
    }

    @GetMapping("/felanmalan/givare/{device:[a-z0-9-]{2,60}}/{rule:[a-z0-9-]{2,60}}")
    String publicReport(@PathVariable String device, @PathVariable String rule) {
        return "redirect:/felanmalan/"
                + sensorCases
                        .latestCase(device, rule, true)
                        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND))
                        .publicId();
    }
}
