package se.samla.booking.demo;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import se.samla.booking.Resource;
import se.samla.booking.Resources;
import se.samla.shared.SwedishTime;
import se.samla.tenancy.Tenants;

/** The demo lock's keypad: enter a PIN (or the code under the QR) at a door, and see it open or stay shut. */
@Controller
@ConditionalOnBean(DemoLock.class)
class DemoLockController {

    private final DemoLock lock;
    private final Resources resources;
    private final Tenants tenants;

    DemoLockController(DemoLock lock, Resources resources, Tenants tenants) {
        this.lock = lock;
        this.resources = resources;
        this.tenants = tenants;
    }

    @GetMapping("/demo-las")
    String doors(Model model) {
        Locale locale = LocaleContextHolder.getLocale();
        List<DemoLockViews.Door> doors = resources.of(tenants.current().id()).stream()
                .flatMap(r -> r.doors().stream()
                        .map(d -> new DemoLockViews.Door(d, r.name().in(locale))))
                .toList();
        model.addAttribute("doors", doors);
        return "booking/demo-locks";
    }

    @GetMapping("/demo-las/{door}")
    String keypad(@PathVariable String door, Model model) {
        return page(door, now(), null, model);
    }

    @PostMapping("/demo-las/{door}")
    String enter(
            @PathVariable String door,
            @RequestParam(name = "pin", required = false) String pin,
            @RequestParam(name = "tid", required = false) String at,
            Model model) {
        LocalDateTime moment;
        try {
            moment = at == null || at.isBlank() ? now() : LocalDateTime.parse(at);
        } catch (DateTimeParseException e) {
            moment = now();
        }
        Resource resource = resource(door);
        var attempt = lock.enter(
                tenants.current().slug(),
                door,
                pin,
                moment.atZone(SwedishTime.ZONE).toInstant());
        return page(resource.doors().get(resource.doors().indexOf(door)), moment, attempt.opened(), model);
    }

    private String page(String door, LocalDateTime at, Boolean opened, Model model) {
        Resource resource = resource(door);
        model.addAttribute(
                "keypad",
                new DemoLockViews.Keypad(
                        door,
                        resource.name().in(LocaleContextHolder.getLocale()),
                        at.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")),
                        opened,
                        lock.grantsHeld(tenants.current().slug(), door)));
        return "booking/demo-lock";
    }

    private Resource resource(String door) {
        return resources
                .withDoor(tenants.current().id(), door)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static LocalDateTime now() {
        return LocalDateTime.ofInstant(Instant.now(), SwedishTime.ZONE)
                .withSecond(0)
                .withNano(0);
    }
}
