package se.samla.sensors;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import se.samla.sensors.view.DevicesView;
import se.samla.shared.SwedishTime;
import se.samla.tenancy.Tenants;

/** The administrator's page of sensors: devices, their latest values, and what was refused of them and why. */
@Controller
class SensorAdminController {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Sensors sensors;
    private final Readings readings;
    private final Tenants tenants;
    private final MessageSource messages;

    SensorAdminController(Sensors sensors, Readings readings, Tenants tenants, MessageSource messages) {
        this.sensors = sensors;
        this.readings = readings;
        this.tenants = tenants;
        this.messages = messages;
    }

    @GetMapping("/admin/sensorer")
    String devices(Model model) {
        var tenant = tenants.current().id();
        Locale locale = LocaleContextHolder.getLocale();
        var latest = readings.latest(tenant).stream().collect(Collectors.groupingBy(Readings.Reading::device));
        model.addAttribute(
                "sensors",
                new DevicesView(
                        sensors.devices(tenant).stream()
                                .map(d -> new DevicesView.Device(
                                        d.id(),
                                        d.name(),
                                        sensors.type(tenant, d.type())
                                                .map(t -> t.name().in(locale))
                                                .orElse(d.type()),
                                        tenants.unit(tenant, d.unit())
                                                .map(u -> u.name().in(locale))
                                                .orElse(d.unit()),
                                        String.format(
                                                Locale.ROOT,
                                                "%.5f, %.5f",
                                                d.place().latitude(),
                                                d.place().longitude()),
                                        latest.getOrDefault(d.id(), List.of()).stream()
                                                .map(r ->
                                                        r.name() + " " + String.format(locale, "%.2f", r.value()) + " "
                                                                + r.unit() + " ("
                                                                + MINUTE.format(r.at().atZone(SwedishTime.ZONE))
                                                                + ")")
                                                .toList()))
                                .toList(),
                        readings.refusals(tenant).stream()
                                .map(r -> new DevicesView.Refusal(
                                        r.device(),
                                        messages.getMessage(
                                                "sensors.refusal." + r.reason().name(), null, locale),
                                        r.count(),
                                        MINUTE.format(r.lastAt().atZone(SwedishTime.ZONE)),
                                        r.lastDetail()))
                                .toList()));
        return "sensors/devices";
    }
}
