package se.samla.insights;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import se.samla.catalog.Catalog;
import se.samla.identity.CurrentUser;
import se.samla.identity.SignedInUser;
import se.samla.insights.view.InsightsView;
import se.samla.shared.SwedishTime;
import se.samla.tenancy.Tenants;

/**
 * A manager's figures for the units they manage (an administration covers its sections), as a page of tables and as
 * CSV. Staff without the manager role are refused.
 */
@Controller
class InsightsController {

    private final Insights insights;
    private final ProcessLog processLog;
    private final KeyFigures keyFigures;
    private final Forecasts forecasts;
    private final Tenants tenants;
    private final Catalog catalog;
    private final Clock clock;

    InsightsController(
            Insights insights,
            ProcessLog processLog,
            KeyFigures keyFigures,
            Forecasts forecasts,
            Tenants tenants,
            Catalog catalog,
            Clock clock) {
        this.keyFigures = keyFigures;
        this.forecasts = forecasts;
        this.insights = insights;
        this.processLog = processLog;
        this.tenants = tenants;
        this.catalog = catalog;
        this.clock = clock;
    }

    @GetMapping("/personal/insikter")
    String page(
            @RequestParam(name = "fran", required = false) String from,
            @RequestParam(name = "till", required = false) String to,
            Model model) {
        SignedInUser.Staff staff = CurrentUser.requireStaff();
        YearMonth[] period = period(from, to);
        Locale locale = LocaleContextHolder.getLocale();
        List<String> units = insights.managedUnits(staff);
        var figures = insights.forManager(staff, period[0], period[1]);
        Map<String, List<InsightsView.Month>> byType = new LinkedHashMap<>();
        for (var m : figures.months()) {
            byType.computeIfAbsent(m.caseType(), t -> new ArrayList<>())
                    .add(new InsightsView.Month(
                            m.month().toString(),
                            m.inflow(),
                            m.decided(),
                            days(m.medianDays(), locale),
                            days(m.p90Days(), locale),
                            share(m.withinNorm(), m.decided(), locale),
                            share(m.withinLimit(), m.decided(), locale),
                            m.completionRequests()));
        }
        var channelNames = new TreeSet<String>();
        figures.channels().forEach(c -> channelNames.addAll(c.byChannel().keySet()));
        model.addAttribute(
                "insights",
                new InsightsView(
                        units.stream()
                                .map(u -> tenants.unit(tenants.current().id(), u)
                                        .map(unit -> unit.name().in(locale))
                                        .orElse(u))
                                .reduce((a, b) -> a + ", " + b)
                                .orElse(""),
                        period[0].toString(),
                        period[1].toString(),
                        byType.entrySet().stream()
                                .map(e -> new InsightsView.CaseType(
                                        typeName(e.getKey(), locale),
                                        e.getValue(),
                                        "/personal/insikter/handelselogg.xes?typ=" + e.getKey() + "&fran=" + period[0]
                                                + "&till=" + period[1],
                                        MonthChart.draw(e.getValue())))
                                .toList(),
                        figures.backlog().stream()
                                .map(b -> new InsightsView.Backlog(
                                        typeName(b.caseType(), locale),
                                        b.open(),
                                        b.upTo7(),
                                        b.upTo30(),
                                        b.upTo90(),
                                        b.over90(),
                                        b.pastNorm()))
                                .toList(),
                        List.copyOf(channelNames),
                        figures.channels().stream()
                                .map(c -> new InsightsView.ChannelMonth(
                                        c.month().toString(),
                                        channelNames.stream()
                                                .map(n -> c.byChannel().getOrDefault(n, 0L))
                                                .toList()))
                                .toList(),
                        "/personal/insikter.csv?fran=" + period[0] + "&till=" + period[1],
                        forecasts.forManager(staff).stream()
                                .map(a -> new InsightsView.ForecastAccuracy(
                                        typeName(a.caseType(), locale),
                                        a.decided(),
                                        days(a.meanAbsoluteErrorDays(), locale),
                                        share(a.withinAWeek(), a.decided(), locale)))
                                .toList()));
        return "insights/overview";
    }

    /** The months as CSV (RFC 4180, UTF-8), one row per case type and month, for a spreadsheet. */
    @GetMapping("/personal/insikter.csv")
    void csv(
            @RequestParam(name = "fran", required = false) String from,
            @RequestParam(name = "till", required = false) String to,
            HttpServletResponse response)
            throws IOException {
        YearMonth[] period = period(from, to);
        var figures = insights.forManager(CurrentUser.requireStaff(), period[0], period[1]);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                "Content-Disposition", "attachment; filename=\"insikter-" + period[0] + "-" + period[1] + ".csv\"");
        try (var csv = new CSVPrinter(
                new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                CSVFormat.RFC4180
                        .builder()
                        .setHeader(
                                "arendetyp",
                                "manad",
                                "inkomna",
                                "beslutade",
                                "median_dagar",
                                "p90_dagar",
                                "inom_servicenorm",
                                "inom_lagkrav",
                                "kompletteringar")
                        .get())) {
            for (var m : figures.months()) {
                csv.printRecord(
                        m.caseType(),
                        m.month(),
                        m.inflow(),
                        m.decided(),
                        m.medianDays() == null ? "" : String.format(Locale.ROOT, "%.1f", m.medianDays()),
                        m.p90Days() == null ? "" : String.format(Locale.ROOT, "%.1f", m.p90Days()),
                        m.withinNorm(),
                        m.withinLimit(),
                        m.completionRequests());
            }
        }
    }

    /** From and to as months (YYYY-MM); the last twelve months by default; at most five years (60 months). */
    /** A case type's event log for process-mining tools (XES), without anything that points to a person. */
    @GetMapping("/personal/insikter/handelselogg.xes")
    void processLog(
            @RequestParam(name = "typ") String caseType,
            @RequestParam(name = "fran", required = false) String from,
            @RequestParam(name = "till", required = false) String to,
            HttpServletResponse response)
            throws IOException {
        SignedInUser.Staff staff = CurrentUser.requireStaff();
        YearMonth[] period = period(from, to);
        var traces = processLog.traces(staff, caseType, period[0], period[1]);
        if (traces.isEmpty()
                && catalog.current(tenants.current().id(), caseType).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        response.setContentType("application/xml;charset=UTF-8");
        response.setHeader(
                "Content-Disposition",
                "attachment; filename=\"" + caseType + "-" + period[0] + "-" + period[1] + ".xes\"");
        processLog.write(caseType, period[0], period[1], traces, response.getOutputStream());
    }

    /** The municipality's key figures for Kolada, per year, as CSV in Kolada's terms. */
    @GetMapping("/personal/insikter/kolada.csv")
    void keyFigures(
            @RequestParam(name = "fran", required = false) String from,
            @RequestParam(name = "till", required = false) String to,
            HttpServletResponse response)
            throws IOException {
        SignedInUser.Staff staff = CurrentUser.requireStaff();
        YearMonth[] period = period(from == null ? null : from + "-01", to == null ? null : to + "-12");
        var values = keyFigures.values(staff, period[0].getYear(), period[1].getYear());
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                "Content-Disposition",
                "attachment; filename=\"kolada-" + period[0].getYear() + "-" + period[1].getYear() + ".csv\"");
        try (var csv = new CSVPrinter(
                new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader("kpi", "municipality", "period", "gender", "value")
                        .get())) {
            for (var value : values) {
                csv.printRecord(
                        value.kpi(),
                        value.municipality(),
                        value.year(),
                        value.gender(),
                        String.format(Locale.ROOT, "%.1f", value.value()));
            }
        }
    }

    private YearMonth[] period(String from, String to) {
        YearMonth now = YearMonth.now(clock.withZone(SwedishTime.ZONE));
        try {
            YearMonth end = to == null || to.isBlank() ? now : YearMonth.parse(to);
            YearMonth start = from == null || from.isBlank() ? end.minusMonths(11) : YearMonth.parse(from);
            if (start.isAfter(end) || !end.isBefore(start.plusYears(5))) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "fran must be before till, at most 5 years");
            }
            return new YearMonth[] {start, end};
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "fran and till are months: YYYY-MM");
        }
    }

    private String typeName(String code, Locale locale) {
        return catalog.current(tenants.current().id(), code)
                .map(t -> t.definition().name().in(locale))
                .orElse(code);
    }

    private static String days(Double days, Locale locale) {
        return days == null ? "–" : String.format(locale, "%.1f", days);
    }

    private static String share(long part, long whole, Locale locale) {
        return whole == 0 ? "–" : String.format(locale, "%.0f %%", 100.0 * part / whole);
    }
}
