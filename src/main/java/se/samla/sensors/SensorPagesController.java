package se.samla.sensors;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import se.samla.tenancy.Tenants;

/** The devices' pages: every device for staff under /personal, the published types for everyone under /givare. */
@Controller
class SensorPagesController {

    private final DevicePages pages;
    private final Tenants tenants;

    SensorPagesController(DevicePages pages, Tenants tenants) {
        this.pages = pages;
        this.tenants = tenants;
    }

    @GetMapping("/personal/givare")
    String staffList(Model model) {
        return list(true, model);
    }

    @GetMapping("/givare")
    String publicList(Model model) {
        return list(false, model);
    }

    @GetMapping("/personal/givare/{id:[a-z0-9-]{2,60}}")
    String staffDevice(
            @PathVariable String id,
            @RequestParam(name = "matt", required = false) String measurement,
            @RequestParam(required = false) String period,
            Model model) {
        return device(id, measurement, period, true, model);
    }

    @GetMapping("/givare/{id:[a-z0-9-]{2,60}}")
    String publicDevice(
            @PathVariable String id,
            @RequestParam(name = "matt", required = false) String measurement,
            @RequestParam(required = false) String period,
            Model model) {
        return device(id, measurement, period, false, model);
    }

    private String list(boolean staff, Model model) {
        model.addAttribute("sensors", pages.list(tenants.current().id(), staff, LocaleContextHolder.getLocale()));
        return "sensors/list";
    }

    private String device(String id, String measurement, String period, boolean staff, Model model) {
        model.addAttribute(
                "device",
                pages.device(
                                tenants.current().id(),
                                id,
                                measurement,
                                DevicePages.period(period),
                                staff,
                                LocaleContextHolder.getLocale())
                        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "sensors/device";
    }
}
