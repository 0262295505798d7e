package se.samla.opendata;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import se.samla.identity.CurrentUser;
import se.samla.identity.SignedInUser;
import se.samla.opendata.view.OpenDataView;
import se.samla.shared.EmailAddress;
import se.samla.shared.SwedishTime;
import tools.jackson.databind.json.JsonMapper;

/**
 * Administrators add their own datasets from a CSV or GeoJSON file, describe them for the catalogue, replace the
 * file with a new version and remove them. A file with anything wrong is refused whole, with each problem and
 * where it is; nothing stored changes.
 */
@Controller
class DatasetUploadController {

    static final long MAX_BYTES = 50L * 1024 * 1024;

    private final UploadedDatasets uploaded;
    private final PublishedDatasets datasets;
    private final MessageSource messages;
    private final Clock clock;
    private final JsonMapper jsonMapper;

    DatasetUploadController(
            UploadedDatasets uploaded,
            PublishedDatasets datasets,
            MessageSource messages,
            Clock clock,
            JsonMapper jsonMapper) {
        this.uploaded = uploaded;
        this.datasets = datasets;
        this.messages = messages;
        this.clock = clock;
        this.jsonMapper = jsonMapper;
    }

    /** What the administrator typed, as the form sends it. */
    record Typed(
            String title,
            String description,
            String keywords,
            String theme,
            String licence,
            String contactName,
            String contactEmail,
            String periodStart,
            String periodEnd) {}

    @GetMapping("/admin/oppna-data/ny")
    String blank(Model model) {
        model.addAttribute(
                "form",
                form(
                        null,
                        0,
                        new Typed("", "", "", "", DcatCatalogue.Licence.CC0.name(), "", "", "", ""),
                        Map.of(),
                        List.of(),
                        null));
        return "opendata/dataset-form";
    }

    @PostMapping("/admin/oppna-data/ny")
    String add(
            Typed typed,
            @RequestParam(name = "file", required = false) MultipartFile file,
            Model model,
            HttpServletResponse response) {
        var admin = admin();
        Map<String, String> errors = new LinkedHashMap<>();
        UploadedDatasets.Details details = details(typed, errors);
        List<String> fileProblems = new ArrayList<>();
        UploadedFile.Checked checked = null;
        if (file == null
                || file.isEmpty()
                        && (file.getOriginalFilename() == null
                                || file.getOriginalFilename().isBlank())) {
            errors.put("file", text("opendata.upload.error.file-missing"));
        } else {
            checked = check(file, fileProblems);
        }
        if (!errors.isEmpty() || !fileProblems.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("form", form(null, 0, typed, errors, fileProblems, null));
            return "opendata/dataset-form";
        }
        var stored = uploaded.create(
                details, checked, fileName(file), file::getInputStream, datasets.reservedIds(), admin.auditId());
        return "redirect:/admin/oppna-data?sparad=" + stored.id();
    }

    @GetMapping("/admin/oppna-data/{id}")
    String edit(@PathVariable String id, Model model) {
        var stored = uploaded.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var d = stored.details();
        model.addAttribute(
                "form",
                form(
                        stored.id(),
                        stored.version(),
                        new Typed(
                                d.title(),
                                d.description(),
                                String.join(", ", d.keywords()),
                                d.theme(),
                                d.licence().name(),
                                d.contactName(),
                                d.contactEmail(),
                                d.periodStart() == null ? "" : d.periodStart().toString(),
                                d.periodEnd() == null ? "" : d.periodEnd().toString()),
                        Map.of(),
                        List.of(),
                        current(stored)));
        return "opendata/dataset-form";
    }

    @PostMapping("/admin/oppna-data/{id}")
    String change(
            @PathVariable String id,
            @RequestParam int version,
            Typed typed,
            @RequestParam(name = "file", required = false) MultipartFile file,
            Model model,
            HttpServletResponse response) {
        var admin = admin();
        var stored = uploaded.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Map<String, String> errors = new LinkedHashMap<>();
        UploadedDatasets.Details details = details(typed, errors);
        List<String> fileProblems = new ArrayList<>();
        boolean newFile = file != null
                && !(file.isEmpty()
                        && (file.getOriginalFilename() == null
                                || file.getOriginalFilename().isBlank()));
        UploadedFile.Checked checked = newFile ? check(file, fileProblems) : null;
        if (version != stored.version()) {
            errors.put("version", text("opendata.upload.error.stale"));
        }
        if (errors.isEmpty() && fileProblems.isEmpty()) {
            try {
                uploaded.update(
                        id,
                        version,
                        details,
                        checked,
                        newFile ? fileName(file) : null,
                        newFile ? file::getInputStream : null,
                        admin.auditId());
                return "redirect:/admin/oppna-data?sparad=" + id;
            } catch (UploadedDatasets.Stale stale) {
                errors.put("version", text("opendata.upload.error.stale"));
            }
        }
        response.setStatus(
                errors.containsKey("version") ? HttpStatus.CONFLICT.value() : HttpStatus.UNPROCESSABLE_CONTENT.value());
        var latest = uploaded.find(id).orElse(stored);
        // a stale form is shown again with what the administrator typed, against the version now stored
        model.addAttribute(
                "form",
                form(
                        id,
                        errors.containsKey("version") ? latest.version() : version,
                        typed,
                        errors,
                        fileProblems,
                        current(latest)));
        return "opendata/dataset-form";
    }

    @GetMapping("/admin/oppna-data/{id}/ta-bort")
    String confirmDelete(@PathVariable String id, Model model) {
        var stored = uploaded.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute(
                "dataset",
                new OpenDataView.Removal(
                        stored.id(), stored.details().title(), stored.fileName(), stored.rows(), stored.version()));
        return "opendata/delete";
    }

    @PostMapping("/admin/oppna-data/{id}/ta-bort")
    String delete(@PathVariable String id, @RequestParam int version) {
        var admin = admin();
        uploaded.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        try {
            uploaded.delete(id, version, admin.auditId());
        } catch (UploadedDatasets.Stale stale) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        return "redirect:/admin/oppna-data?borttagen=" + id;
    }

    private static SignedInUser.Staff admin() {
        return CurrentUser.requireStaff();
    }

    private UploadedFile.Checked check(MultipartFile file, List<String> problems) {
        if (file.getSize() > MAX_BYTES) {
            problems.add(text("opendata.upload.problem.too-large", fileName(file), MAX_BYTES / (1024 * 1024)));
            return null;
        }
        UploadedFile.Checked checked =
                UploadedFile.check(fileName(file), file.getSize(), file::getInputStream, jsonMapper);
        for (UploadedFile.Problem p : checked.problems()) {
            problems.add(
                    text(p.key(), p.arguments().stream().map(String::valueOf).toArray()));
        }
        if (checked.unlisted() > 0) {
            problems.add(text("opendata.upload.problem.more", String.valueOf(checked.unlisted())));
        }
        return checked;
    }

    private static String fileName(MultipartFile file) {
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
        // browsers on some systems send the whole path
        return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    }

    private UploadedDatasets.Details details(Typed typed, Map<String, String> errors) {
        String title = strip(typed.title());
        String description = strip(typed.description());
        if (title.isEmpty()) {
            errors.put("title", text("opendata.upload.error.title"));
        } else if (title.length() > 200) {
            errors.put("title", text("opendata.upload.error.too-long", 200));
        }
        if (description.isEmpty()) {
            errors.put("description", text("opendata.upload.error.description"));
        } else if (description.length() > 4000) {
            errors.put("description", text("opendata.upload.error.too-long", 4000));
        }
        List<String> keywords = Arrays.stream(strip(typed.keywords()).split(","))
                .map(String::strip)
                .filter(k -> !k.isEmpty())
                .distinct()
                .toList();
        if (keywords.isEmpty()) {
            errors.put("keywords", text("opendata.upload.error.keywords"));
        } else if (keywords.size() > 20 || keywords.stream().anyMatch(k -> k.length() > 60)) {
            errors.put("keywords", text("opendata.upload.error.keywords-long"));
        }
        String theme = strip(typed.theme());
        if (!DcatCatalogue.THEMES.contains(theme)) {
            errors.put("theme", text("opendata.upload.error.theme"));
        }
        DcatCatalogue.Licence licence = Arrays.stream(DcatCatalogue.Licence.values())
                .filter(l -> l.name().equals(strip(typed.licence())))
                .findFirst()
                .orElse(null);
        if (licence == null) {
            errors.put("licence", text("opendata.upload.error.licence"));
        }
        String contactName = strip(typed.contactName());
        String contactEmail = strip(typed.contactEmail());
        if (contactName.isEmpty() || contactName.length() > 200) {
            errors.put("contactName", text("opendata.upload.error.contact-name"));
        }
        if (!EmailAddress.isValid(contactEmail)) {
            errors.put("contactEmail", text("opendata.upload.error.contact-email"));
        }
        LocalDate start = date(typed.periodStart(), "periodStart", errors);
        LocalDate end = date(typed.periodEnd(), "periodEnd", errors);
        if (start != null && end != null && end.isBefore(start)) {
            errors.put("periodEnd", text("opendata.upload.error.period-order"));
        }
        return new UploadedDatasets.Details(
                title,
                description,
                keywords,
                theme,
                licence,
                contactName,
                contactEmail.toLowerCase(Locale.ROOT),
                start,
                end);
    }

    private LocalDate date(String typed, String field, Map<String, String> errors) {
        String t = strip(typed);
        if (t.isEmpty()) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(t);
            if (day.getYear() < 1800 || day.isAfter(LocalDate.now(clock).plusYears(50))) {
                throw new DateTimeParseException("out of range", t, 0);
            }
            return day;
        } catch (DateTimeParseException e) {
            errors.put(field, text("opendata.upload.error.date"));
            return null;
        }
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private OpenDataView.DatasetForm form(
            String id,
            int version,
            Typed typed,
            Map<String, String> errors,
            List<String> fileProblems,
            String currentFile) {
        var themes = DcatCatalogue.THEMES.stream()
                .map(t -> new OpenDataView.Choice(t, text("opendata.theme." + t), t.equals(typed.theme())))
                .toList();
        var licences = Arrays.stream(DcatCatalogue.Licence.values())
                .map(l -> new OpenDataView.Choice(
                        l.name(), text("opendata.licence." + l.name()), l.name().equals(typed.licence())))
                .toList();
        return new OpenDataView.DatasetForm(
                id,
                version,
                strip(typed.title()),
                strip(typed.description()),
                strip(typed.keywords()),
                themes,
                licences,
                strip(typed.contactName()),
                strip(typed.contactEmail()),
                strip(typed.periodStart()),
                strip(typed.periodEnd()),
                errors,
                fileProblems,
                currentFile);
    }

    private String current(UploadedDatasets.Stored stored) {
        return text(
                "opendata.upload.current",
                stored.fileName(),
                String.valueOf(stored.rows()),
                String.join(", ", stored.columnNames()),
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                        .format(stored.modified().atZone(SwedishTime.ZONE)));
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }
}
