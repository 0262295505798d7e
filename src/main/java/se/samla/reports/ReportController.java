package se.samla.reports;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import se.samla.cases.CaseIntake;
import se.samla.cases.FieldError;
import se.samla.cases.FormViews;
import se.samla.catalog.CaseType;
import se.samla.catalog.FieldType;
import se.samla.catalog.FormField;
import se.samla.identity.BrowserSession;
import se.samla.identity.CurrentUser;
import se.samla.identity.SignedInUser;
import se.samla.reports.view.ReportFormView;
import se.samla.reports.view.ReportListView;
import se.samla.reports.view.ReportPageView;
import se.samla.shared.CurrentTenant;
import se.samla.shared.EmailAddress;
import se.samla.web.FieldView;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Felanmälan for everyone, logged in or not: the public map and list, the form (category first, then
 * place, description and photos), "is this the same problem?" before sending, and each report's public page.
 */
@Controller
class ReportController {

    private static final int PAGE_SIZE = 25;

    private final ReportService service;
    private final ReportViews views;
    private final Places places;
    private final TenantReportSettings settings;
    private final CaseIntake intake;
    private final MessageSource messages;
    private final JsonMapper jsonMapper;
    private final FormViews formViews;

    ReportController(
            ReportService service,
            ReportViews views,
            Places places,
            TenantReportSettings settings,
            CaseIntake intake,
            MessageSource messages,
            JsonMapper jsonMapper,
            FormViews formViews) {
        this.formViews = formViews;
        this.service = service;
        this.views = views;
        this.places = places;
        this.settings = settings;
        this.intake = intake;
        this.messages = messages;
        this.jsonMapper = jsonMapper;
    }

    @GetMapping("/felanmalan")
    String list(
            @RequestParam(name = "kategori", required = false) String category,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "sida", defaultValue = "1") String pageText,
            Model model,
            HttpServletResponse response) {
        int page = Math.max(1, Math.min(parse(pageText), 400));
        String cat = service.category(blank(category)).map(CaseType::code).orElse(null);
        Boolean closed = "stangda".equals(status) ? Boolean.TRUE : "oppna".equals(status) ? Boolean.FALSE : null;
        var found = service.find(new ReportStore.Query(
                List.of(),
                cat == null ? List.of() : List.of(cat),
                closed,
                null,
                null,
                (page - 1) * PAGE_SIZE,
                PAGE_SIZE + 1));
        var rows = found.stream()
                .limit(PAGE_SIZE)
                .map(r -> new ReportListView.Row(
                        r.publicId(),
                        views.categoryName(r.category()),
                        views.status(r.category(), r.status()),
                        r.closed(),
                        ReportViews.day(r.reportedAt()),
                        areaName(r.area())))
                .toList();
        String dataUrl = "/felanmalan/karta.geojson" + (cat == null ? "" : "?kategori=" + cat);
        views.allowTiles(response);
        model.addAttribute(
                "list",
                new ReportListView(
                        categoryOptions(),
                        cat,
                        closed == null ? "" : status,
                        rows,
                        page,
                        found.size() > PAGE_SIZE,
                        views.map(dataUrl, false, null)));
        return "reports/list";
    }

    /** Open reports as GeoJSON points for the map: public facts only. */
    @GetMapping(value = "/felanmalan/karta.geojson", produces = "application/geo+json")
    @ResponseBody
    String geojson(@RequestParam(name = "kategori", required = false) String category) {
        String cat = service.category(blank(category)).map(CaseType::code).orElse(null);
        var found = service.find(
                new ReportStore.Query(List.of(), cat == null ? List.of() : List.of(cat), false, null, null, 0, 2000));
        ObjectNode root = jsonMapper.createObjectNode().put("type", "FeatureCollection");
        ArrayNode features = root.putArray("features");
        for (Report r : found) {
            ObjectNode f = features.addObject().put("type", "Feature");
            f.putObject("geometry")
                    .put("type", "Point")
                    .putArray("coordinates")
                    .add(r.position().longitude())
                    .add(r.position().latitude());
            f.putObject("properties")
                    .put("id", r.publicId())
                    .put("category", views.categoryName(r.category()))
                    .put("status", views.status(r.category(), r.status()))
                    .put("reported", ReportViews.day(r.reportedAt()));
        }
        return jsonMapper.writeValueAsString(root);
    }

    @GetMapping("/felanmalan/ny")
    String chooseCategory(Model model) {
        model.addAttribute("categories", categoryOptions());
        return "reports/categories";
    }

    @GetMapping("/felanmalan/ny/{category}")
    String form(@PathVariable String category, Model model, HttpServletRequest request, HttpServletResponse response) {
        CaseType type = category(category);
        views.allowTiles(response);
        model.addAttribute(
                "form",
                formView(
                        type,
                        CaseIntake.Submission.ofRequest(UUID.randomUUID(), request),
                        Map.of(),
                        "",
                        "",
                        "",
                        null,
                        List.of(),
                        null,
                        List.of(),
                        List.of()));
        return "reports/form";
    }

    @PostMapping(value = "/felanmalan/ny/{category}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String submit(
            @PathVariable String category,
            @RequestParam MultiValueMap<String, String> form,
            @RequestParam(name = "photos", required = false) List<MultipartFile> photos,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        CaseType type = category(category);
        var submission = CaseIntake.Submission.ofRequest(submissionId(form.getFirst("submissionId")), request);
        UUID submissionId = submission.id();
        var sent = intake.alreadyOpened(submission).flatMap(opened -> service.byCase(opened.caseId()));
        if (sent.isPresent()) {
            // sent already (a double click, a retry): the report it made
            return "redirect:/felanmalan/" + sent.get().publicId() + "?tack";
        }
        String latitude = value(form, "latitude");
        String longitude = value(form, "longitude");
        String address = value(form, "address");
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (FormField field : type.definition().form()) {
            if (field.type() != FieldType.FILE && form.containsKey("f." + field.key())) {
                values.put(field.key(), form.get("f." + field.key()));
            }
        }
        String photoField = photoField(type);
        String photoError = null;
        List<UUID> remove = new ArrayList<>();
        for (String id : form.getOrDefault("removePhoto", List.of())) {
            try {
                remove.add(UUID.fromString(id));
            } catch (IllegalArgumentException ignored) {
                // an id that is not one removes nothing
            }
        }
        if (!remove.isEmpty()) {
            intake.discardPending(submission, remove);
        }
        if (photoField != null && photos != null) {
            for (MultipartFile photo : photos) {
                if (photo.isEmpty()) {
                    continue;
                }
                String problem = receivePhoto(type, submission, photoField, photo);
                if (problem != null && photoError == null) {
                    photoError = problem;
                }
            }
        }
        var place = places.resolve(CurrentTenant.require(), latitude, longitude, address);
        List<FieldError> errors = intake.check(type.code(), values, submission);
        if (!errors.isEmpty() || place.error() != null || photoError != null) {
            views.allowTiles(response);
            model.addAttribute(
                    "form",
                    formView(
                            type,
                            submission,
                            values,
                            latitude,
                            longitude,
                            address,
                            place.error(),
                            errors,
                            photoError,
                            List.of(),
                            remove));
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "reports/form";
        }
        if (form.getFirst("confirmNew") == null) {
            int distance = settings.of(CurrentTenant.require()).duplicateDistanceMetres();
            var duplicates = service.possibleDuplicates(type.code(), place.position(), distance);
            if (!duplicates.isEmpty()) {
                views.allowTiles(response);
                model.addAttribute(
                        "form",
                        formView(
                                type,
                                submission,
                                values,
                                latitude,
                                longitude,
                                address,
                                null,
                                List.of(),
                                null,
                                duplicates,
                                List.of()));
                return "reports/form";
            }
        }
        CaseIntake.Reporter reporter = CurrentUser.get()
                .filter(SignedInUser.Resident.class::isInstance)
                .map(SignedInUser.Resident.class::cast)
                .map(r -> new CaseIntake.Reporter(
                        r.personId(), r.displayName(), r.identityNumber().digits(), r.auditId()))
                .orElse(CaseIntake.Reporter.anonymous("anonymous"));
        var submitted = service.submit(new ReportService.NewReport(
                type.code(),
                place.position(),
                place.address(),
                values,
                submission,
                reporter,
                CaseIntake.Channel.E_SERVICE));
        return "redirect:/felanmalan/" + submitted.report().publicId() + "?tack";
    }

    private String receivePhoto(CaseType type, CaseIntake.Submission submission, String field, MultipartFile photo)
            throws IOException {
        if (photo.getSize() > PhotoCleaner.MAX_INPUT_BYTES) {
            return text(
                    "reports.photo.too-large",
                    photo.getOriginalFilename(),
                    PhotoCleaner.MAX_INPUT_BYTES / (1024 * 1024));
        }
        var cleaned = PhotoCleaner.clean(photo.getBytes());
        if (cleaned.problem() != null) {
            return text(
                    "reports.photo."
                            + cleaned.problem().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    photo.getOriginalFilename(),
                    PhotoCleaner.MAX_INPUT_BYTES / (1024 * 1024));
        }
        String name = "foto-" + UUID.randomUUID().toString().substring(0, 8) + ".jpg";
        byte[] jpeg = cleaned.jpeg();
        FieldError refused = intake.receiveFile(
                submission,
                type.code(),
                new CaseIntake.NewFile(field, name, jpeg.length, () -> new java.io.ByteArrayInputStream(jpeg)));
        return refused == null
                ? null
                : text(refused.messageKey(), refused.args().toArray());
    }

    @GetMapping("/felanmalan/{publicId}")
    String report(
            @PathVariable String publicId,
            @RequestParam MultiValueMap<String, String> params,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        var shown = service.publicPage(publicId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Report r = shown.report();
        // the page's "I see it too" counts once per browser: its token is made now, not by two clicks at once
        BrowserSession.token(request);
        var history = shown.history().stream()
                .map(u -> new ReportPageView.HistoryEntry(ReportViews.minute(u.at()), historyText(r, u)))
                .toList();
        List<String> photos = shown.photos().stream()
                .map(f -> "/felanmalan/" + r.publicId() + "/foton/" + f.id())
                .toList();
        String notice = params.containsKey("tack")
                ? "reports.notice.thanks"
                : params.containsKey("stod")
                        ? "reports.notice.supported"
                        : params.containsKey("avslutad") ? "reports.notice.unsubscribed" : null;
        views.allowTiles(response);
        model.addAttribute(
                "report",
                new ReportPageView(
                        r.publicId(),
                        views.categoryName(r.category()),
                        views.status(r.category(), r.status()),
                        r.closed(),
                        ReportViews.minute(r.reportedAt()),
                        areaName(r.area()),
                        r.address(),
                        ReportViews.coordinate(r.position().latitude()),
                        ReportViews.coordinate(r.position().longitude()),
                        ReportViews.metres(r.grid().northing()),
                        ReportViews.metres(r.grid().easting()),
                        r.publicDescription(),
                        photos,
                        r.publicText(),
                        r.supporters(),
                        r.mergedInto(),
                        history,
                        notice,
                        views.map(null, false, r.position())));
        return "reports/report";
    }

    /** A published photo of the report; not found until staff publish the photos. */
    @GetMapping("/felanmalan/{publicId}/foton/{fileId}")
    ResponseEntity<InputStreamResource> photo(@PathVariable String publicId, @PathVariable UUID fileId) {
        var file = service.publishedPhoto(publicId, fileId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_JPEG)
                .contentLength(file.file().sizeBytes())
                .cacheControl(CacheControl.noCache())
                .header("X-Content-Type-Options", "nosniff")
                .body(new InputStreamResource(file.content()));
    }

    /** "I see it too": counts as support, and with an e-mail address follows the report. */
    @PostMapping("/felanmalan/{publicId}/samma-problem")
    String support(
            @PathVariable String publicId,
            @RequestParam(name = "email", required = false) String email,
            @RequestParam(name = "submissionId", required = false) String submission,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        String address = email == null ? "" : email.strip();
        if (!address.isEmpty() && !EmailAddress.isValid(address)) {
            return badEmail(publicId, model, request, response);
        }
        if (submission != null && !submission.isBlank()) {
            // the photos sent with the report not made are not kept (and someone else's submission counts nothing)
            intake.discardAll(CaseIntake.Submission.ofRequest(submissionId(submission), request));
        }
        var supported = service.support(publicId, BrowserSession.person(request), address);
        if (supported.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/felanmalan/" + publicId + "?stod";
    }

    @PostMapping("/felanmalan/{publicId}/avsluta-bevakning")
    String unsubscribe(
            @PathVariable String publicId,
            @RequestParam(name = "email", required = false) String email,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        String address = email == null ? "" : email.strip();
        if (!EmailAddress.isValid(address)) {
            return badEmail(publicId, model, request, response);
        }
        // the same answer whether or not the address followed the report, so no one can test addresses
        if (!service.unsubscribe(publicId, address)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/felanmalan/" + publicId + "?avslutad";
    }

    private String badEmail(String publicId, Model model, HttpServletRequest request, HttpServletResponse response) {
        report(publicId, new org.springframework.util.LinkedMultiValueMap<>(), model, request, response);
        var page = (ReportPageView) model.getAttribute("report");
        model.addAttribute(
                "report",
                new ReportPageView(
                        page.publicId(),
                        page.category(),
                        page.status(),
                        page.closed(),
                        page.reported(),
                        page.area(),
                        page.address(),
                        page.latitude(),
                        page.longitude(),
                        page.northing(),
                        page.easting(),
                        page.description(),
                        page.photoUrls(),
                        page.publicText(),
                        page.supporters(),
                        page.mergedInto(),
                        page.history(),
                        "reports.error.email",
                        page.map()));
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return "reports/report";
    }

    private String historyText(Report r, Report.Update u) {
        return switch (u.kind()) {
            case "RECEIVED" -> text("reports.history.received");
            case "STATUS" -> text("reports.history.status", views.status(r.category(), u.status()));
            case "TEXT" -> u.description();
            case "MERGED" -> text("reports.history.merged", u.description());
            default -> u.kind();
        };
    }

    private ReportFormView formView(
            CaseType type,
            CaseIntake.Submission submission,
            Map<String, List<String>> values,
            String latitude,
            String longitude,
            String address,
            String placeError,
            List<FieldError> errors,
            String photoError,
            List<Report.Nearby> duplicates,
            List<UUID> removed) {
        Locale locale = ReportViews.locale();
        List<ReportFormView.Error> summary = new ArrayList<>();
        if (placeError != null) {
            summary.add(new ReportFormView.Error("address", placeError));
        }
        List<FieldView> fields = formViews.fields(type, values, errors, locale, f -> f.type() != FieldType.FILE);
        // every error of the questions, a part of one (an address's street) linked to that part
        errors.stream()
                .filter(e -> type.definition()
                        .field(e.field().split("\\.")[0])
                        .filter(f -> f.type() != FieldType.FILE)
                        .isPresent())
                .forEach(e ->
                        summary.add(new ReportFormView.Error(FieldView.id(e.field()), formViews.message(e, locale))));
        if (photoError != null) {
            summary.add(new ReportFormView.Error("photos", photoError));
        }
        var pending = intake.pendingFiles(submission).stream()
                .filter(p -> !removed.contains(p.id()))
                .map(p -> new ReportFormView.Photo(p.id().toString(), p.filename(), Math.max(1, p.sizeBytes() / 1024)))
                .toList();
        String field = photoField(type);
        int maxPhotos =
                field == null ? 0 : type.definition().field(field).orElseThrow().effectiveMaxFiles();
        var dupes = duplicates.stream()
                .map(d -> new ReportFormView.Duplicate(
                        d.report().publicId(),
                        views.status(d.report().category(), d.report().status()),
                        ReportViews.day(d.report().reportedAt()),
                        (int) Math.round(d.metres()),
                        d.report().supporters()))
                .toList();
        Position marker = null;
        try {
            marker = new Position(
                    Double.parseDouble(latitude.replace(',', '.')), Double.parseDouble(longitude.replace(',', '.')));
        } catch (IllegalArgumentException e) {
            // no place yet
        }
        return new ReportFormView(
                type.code(),
                type.definition().name().in(locale),
                submission.id().toString(),
                fields,
                latitude,
                longitude,
                address,
                placeError,
                pending,
                photoError,
                maxPhotos,
                summary,
                dupes,
                views.map(null, true, marker));
    }

    private List<ReportListView.Option> categoryOptions() {
        Locale locale = ReportViews.locale();
        return service.categories().stream()
                .map(t -> new ReportListView.Option(
                        t.code(), t.definition().name().in(locale)))
                .toList();
    }

    private CaseType category(String code) {
        return service.category(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    static String photoField(CaseType type) {
        return type.definition().form().stream()
                .filter(f -> f.type() == FieldType.FILE)
                .map(FormField::key)
                .findFirst()
                .orElse(null);
    }

    private String areaName(String code) {
        return places.areaName(CurrentTenant.require(), code);
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, ReportViews.locale());
    }

    private static UUID submissionId(String text) {
        try {
            return UUID.fromString(text == null ? "" : text);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
    }

    private static String value(MultiValueMap<String, String> form, String key) {
        String v = form.getFirst(key);
        return v == null ? "" : v.strip();
    }

    private static String blank(String text) {
        return text == null ? "" : text.strip();
    }

    private static int parse(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
