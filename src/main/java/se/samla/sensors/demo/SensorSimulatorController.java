package se.samla.sensors.demo;

import java.util.Arrays;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import se.samla.tenancy.Tenants;

/** The administrator's buttons for the demo simulator, beside the sensors' page. */
@Controller
@ConditionalOnBean(SensorSimulator.class)
class SensorSimulatorController {

    private final SensorSimulator simulator;
    private final Tenants tenants;

    SensorSimulatorController(SensorSimulator simulator, Tenants tenants) {
        this.simulator = simulator;
        this.tenants = tenants;
    }

    @GetMapping("/admin/sensorer/simulator")
    String page(Model model) {
        model.addAttribute("outcome", null);
        model.addAttribute("scenarios", Arrays.asList(SensorSimulator.Scenario.values()));
        return "sensors/simulator";
    }

    @PostMapping("/admin/sensorer/simulator")
    String run(@RequestParam(name = "scenario", required = false) String scenario, Model model) {
        SensorSimulator.Scenario chosen = Arrays.stream(SensorSimulator.Scenario.values())
                .filter(s -> s.name().equals(scenario))
                .findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "no such scenario"));
        model.addAttribute("outcome", simulator.run(tenants.current(), chosen));
        model.addAttribute("scenarios", Arrays.asList(SensorSimulator.Scenario.values()));
        return "sensors/simulator";
    }
}
