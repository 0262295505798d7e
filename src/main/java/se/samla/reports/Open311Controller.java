package se.samla.reports;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.samla.cases.CaseHandling;
import se.samla.cases.CaseIntake;
import se.samla.cases.SubmissionOwner;
import se.samla.cases.IllegalCaseChangeException;
import se.samla.catalog.CaseType;
import se.samla.catalog.FieldType;
import se.samla.catalog.FormField;
import se.samla.platform.RateLimiter;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;
import se.samla.shared.TenantId;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open311 GeoReport v2 at /open311/v2/, in XML and JSON by the path's extension: services, service
 * definitions from the category's form, new requests (with an api_key), tokens, requests with the
 * specification's filters and defaults, one request, plus the page/page_size and servicerequestupdates
 * extensions and a discovery document. jurisdiction_id selects the municipality; on a municipality's own
 * host or path prefix it may be left out.
 */
@RestController
class Open311Controller {

    static final int MAX_DAYS = 90;
    static final int DEFAULT_PAGE_SIZE = 1000;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([^\\]]*)\\](\\[\\])?");
    private static final String CHANGESET = "2026-11-26T00:00:00+01:00";

    /** An answer the specification defines as an error: its HTTP status and description. */
    static final class Open311Error extends RuntimeException {

        final int code;
        /** Seconds, for a 429; 0 for other errors. */
        final long retryAfter;

        Open311Error(int code, String description) {
            this(code, description, 0);
        }

        Open311Error(int code, String description, long retryAfter) {
            super(description, null, false, false);
            this.code = code;
            this.retryAfter = retryAfter;
        }
    }

    private final Tenants tenants;
    private final TenantReportSettings settings;
    private final TenantTransactions transactions;
    private final ReportService service;
    private final ReportStore store;
    private final CaseHandling handling;
    private final Open311Keys keys;
    private final Places places;
    private final MessageSource messages;
    private final RateLimiter limiter;
    private final Clock clock;
    private final JsonMapper jsonMapper;

    Open311Controller(Tenants tenants, TenantReportSettings settings, TenantTransactions transactions, ReportService service,
            ReportStore store, CaseHandling handling, Open311Keys keys, Places places, MessageSource messages,
            RateLimiter limiter, Clock clock, JsonMapper jsonMapper) {
        this.limiter = limiter;
        this.tenants = tenants;
        this.settings = settings;
        this.transactions = transactions;
        this.service = service;
        this.store = store;
        this.handling = handling;
        this.keys = keys;
        this.places = places;
        this.messages = messages;
        this.clock = clock;
        this.jsonMapper = jsonMapper;
    }

    // ---- discovery

    @GetMapping({"/open311/discovery.{format}", "/open311/discovery"})
    ResponseEntity<String> discovery(@PathVariable(required = false) String format, HttpServletRequest request) {
        return answer(format, "discovery", () -> {
            Tenant tenant = CurrentTenant.get()
                    .or(() -> tenants.byHost(request.getServerName().toLowerCase(Locale.ROOT)).map(Tenant::id))
                    .flatMap(tenants::byId).orElse(null);
            Map<String, Object> endpoint = new LinkedHashMap<>();
            endpoint.put("specification", "http://wiki.open311.org/GeoReport_v2");
            endpoint.put("url", base(request, tenant) + "/open311/v2");
            endpoint.put("changeset", CHANGESET);
            endpoint.put("type", "production");
            endpoint.put("formats", List.of("text/xml", "application/json"));
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("changeset", CHANGESET);
            d.put("contact", tenant == null ? "Samla" : tenant.name());
            d.put("key_service", "An administrator of the municipality issues api keys in Samla at /admin/open311.");
            d.put("endpoints", List.of(endpoint));
            return d;
        });
    }

    // ---- services

    @GetMapping({"/open311/v2/services.{format}", "/open311/v2/services"})
    ResponseEntity<String> services(@PathVariable(required = false) String format,
            @RequestParam MultiValueMap<String, String> params, HttpServletRequest request) {
        return answer(format, "services", () -> within(params, request, false, () -> service.categories().stream()
                .map(this::serviceEntry).toList()));
    }

    @GetMapping("/open311/v2/services/{path}")
    ResponseEntity<String> serviceDefinition(@PathVariable String path, @RequestParam MultiValueMap<String, String> params,
            HttpServletRequest request) {
        String code = name(path);
        return answer(extension(path), "service_definition", () -> within(params, request, false, () -> {
            CaseType type = serviceType(code);
            Map<String, Object> definition = new LinkedHashMap<>();
            definition.put("service_code", type.code());
            definition.put("attributes", attributes(type));
            return definition;
        }));
    }

    private Map<String, Object> serviceEntry(CaseType type) {
        var d = type.definition();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("service_code", type.code());
        s.put("service_name", d.name().sv());
        s.put("description", d.description() == null ? null : d.description().sv());
        s.put("metadata", !attributes(type).isEmpty());
        s.put("type", "realtime");
        s.put("keywords", String.join(", ", d.keywords()));
        s.put("group", text("category." + d.category(), Locale.forLanguageTag("sv")));
        return s;
    }

    /** The form's questions that are not among the request's own arguments (description, e-mail, name, photos). */
    private static List<FormField> attributeFields(CaseType type) {
        return type.definition().form().stream().filter(f -> f.type() != FieldType.FILE && f.type() != FieldType.EMAIL
                && !f.key().equals("description") && !f.key().equals("name")).toList();
    }

    private List<Map<String, Object>> attributes(CaseType type) {
        List<Map<String, Object>> attributes = new ArrayList<>();
        int order = 1;
        for (FormField f : attributeFields(type)) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("variable", true);
            a.put("code", f.key());
            a.put("datatype", switch (f.type()) {
                case LONG_TEXT -> "text";
                case NUMBER -> "number";
                case DATE -> "datetime";
                case CHOICE, YES_NO -> "singlevaluelist";
                case MULTI_CHOICE -> "multivaluelist";
                default -> "string";
            });
            a.put("required", f.required());
            a.put("datatype_description", f.help() == null ? null : f.help().sv());
            a.put("order", order++);
            a.put("description", f.label().sv());
            List<Map<String, Object>> values = new ArrayList<>();
            if (f.type() == FieldType.YES_NO) {
                values.add(Map.of("key", "ja", "name", "Ja"));
                values.add(Map.of("key", "nej", "name", "Nej"));
            } else {
                f.options().forEach(o -> values.add(Map.of("key", o.value(), "name", o.label().sv())));
            }
            if (!values.isEmpty()) {
                a.put("values", values);
            }
            attributes.add(a);
        }
        return attributes;
    }

    // ---- requests

    @PostMapping({"/open311/v2/requests.{format}", "/open311/v2/requests"})
    ResponseEntity<String> create(@PathVariable(required = false) String format,
            @RequestParam MultiValueMap<String, String> params, HttpServletRequest request) {
        return answer(format, "service_requests", () -> limited(params, request, () -> {
            var key = key(params);
            String code = required(params, "service_code");
            CaseType type = serviceType(code);
            Places.Place place = location(params);
            Map<String, List<String>> values = new LinkedHashMap<>();
            var definition = type.definition();
            if (definition.field("description").isPresent() && param(params, "description") != null) {
                values.put("description", List.of(param(params, "description")));
            }
            definition.form().stream().filter(f -> f.type() == FieldType.EMAIL).findFirst()
                    .ifPresent(f -> {
                        if (param(params, "email") != null) {
                            values.put(f.key(), List.of(param(params, "email")));
                        }
                    });
            String name = String.join(" ", java.util.stream.Stream.of(param(params, "first_name"), param(params, "last_name"))
                    .filter(java.util.Objects::nonNull).toList());
            if (!name.isBlank() && definition.field("name").isPresent()) {
                values.put("name", List.of(name));
            }
            var allowed = attributeFields(type).stream().map(FormField::key).toList();
            for (var entry : params.entrySet()) {
                Matcher m = ATTRIBUTE.matcher(entry.getKey());
                if (!m.matches()) {
                    continue;
                }
                if (!allowed.contains(m.group(1))) {
                    String shown = m.group(1).length() > 100 ? m.group(1).substring(0, 100) + "…" : m.group(1);
                    throw new Open311Error(400, "attribute[" + shown + "]: " + code + " has no attribute " + shown);
                }
                List<String> given = entry.getValue().stream().filter(v -> v != null && !v.isBlank()).toList();
                if (!given.isEmpty()) {
                    values.computeIfAbsent(m.group(1), k -> new ArrayList<>()).addAll(given);
                }
            }
            UUID token = UUID.randomUUID();
            ReportService.Submitted submitted;
            try {
                submitted = service.submit(new ReportService.NewReport(type.code(), place.position(), place.address(),
                        values, new CaseIntake.Submission(token, SubmissionOwner.open311(key.id()), "open311:" + key.id()),
                        CaseIntake.Reporter.anonymous("open311:" + key.id()), CaseIntake.Channel.OPEN311));
            } catch (CaseIntake.Refused refused) {
                var first = refused.errors().get(0);
                String field = allowed.contains(first.field()) ? "attribute[" + first.field() + "]"
                        : first.field().equals("name") ? "first_name" : definition.field(first.field())
                                .filter(f -> f.type() == FieldType.EMAIL).map(f -> "email").orElse(first.field());
                throw new Open311Error(400, field + ": " + text(first.messageKey(), Locale.ENGLISH, first.args().toArray()));
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("service_request_id", submitted.report().publicId());
            r.put("token", token.toString());
            r.put("service_notice", notice(type));
            r.put("account_id", null);
            return List.of(r);
        }));
    }

    @GetMapping("/open311/v2/tokens/{path}")
    ResponseEntity<String> token(@PathVariable String path, @RequestParam MultiValueMap<String, String> params,
            HttpServletRequest request) {
        String token = name(path);
        return answer(extension(path), "service_requests", () -> within(params, request, false, () -> {
            UUID id;
            try {
                id = UUID.fromString(token);
            } catch (IllegalArgumentException e) {
                throw new Open311Error(404, "token " + token + " not found");
            }
            Report r = store.bySubmission(id).orElseThrow(() -> new Open311Error(404, "token " + token + " not found"));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("service_request_id", r.publicId());
            entry.put("token", token);
            return List.of(entry);
        }));
    }

    @GetMapping({"/open311/v2/requests.{format}", "/open311/v2/requests"})
    ResponseEntity<String> requests(@PathVariable(required = false) String format,
            @RequestParam MultiValueMap<String, String> params, HttpServletRequest request) {
        return answer(format, "service_requests", () -> within(params, request, false, () -> {
            Tenant tenant = tenants.byId(CurrentTenant.require()).orElseThrow();
            int pageSize = number(params, "page_size", DEFAULT_PAGE_SIZE, 1, DEFAULT_PAGE_SIZE);
            int page = number(params, "page", 1, 1, 1_000_000);
            List<String> ids = list(params, "service_request_id");
            ReportStore.Query query;
            if (!ids.isEmpty()) {
                // the specification: asking for ids overrides every other filter
                query = new ReportStore.Query(ids, List.of(), null, null, null, 0, Math.min(ids.size(), DEFAULT_PAGE_SIZE));
            } else {
                List<String> codes = list(params, "service_code");
                codes.forEach(this::serviceType);
                Boolean closed = status(params);
                Instant[] range = range(params);
                query = new ReportStore.Query(List.of(), codes, closed, range[0], range[1], (page - 1) * pageSize, pageSize);
            }
            String base = base(request, tenant);
            return store.find(query).stream().map(r -> requestEntry(r, base)).toList();
        }));
    }

    @GetMapping("/open311/v2/requests/{path}")
    ResponseEntity<String> one(@PathVariable String path, @RequestParam MultiValueMap<String, String> params,
            HttpServletRequest request) {
        String id = name(path);
        return answer(extension(path), "service_requests", () -> within(params, request, false, () -> {
            Tenant tenant = tenants.byId(CurrentTenant.require()).orElseThrow();
            Report r = store.byPublicId(id).orElseThrow(() -> new Open311Error(404, "service_request_id " + id + " not found"));
            return List.of(requestEntry(r, base(request, tenant)));
        }));
    }

    private Map<String, Object> requestEntry(Report r, String base) {
        TenantId tenant = CurrentTenant.require();
        var type = service.category(r.category());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_request_id", r.publicId());
        m.put("status", r.closed() ? "closed" : "open");
        m.put("status_notes", r.publicText());
        m.put("service_name", type.map(t -> t.definition().name().sv()).orElse(r.category()));
        m.put("service_code", r.category());
        m.put("description", r.publicDescription());
        m.put("agency_responsible", tenants.unit(tenant, r.unit()).map(u -> u.name().sv()).orElse(r.unit()));
        m.put("service_notice", type.map(this::notice).orElse(null));
        m.put("requested_datetime", date(r.reportedAt()));
        m.put("updated_datetime", date(r.updatedAt()));
        m.put("expected_datetime", type.map(t -> date(r.reportedAt().plus(t.definition().serviceNormDays(), ChronoUnit.DAYS)))
                .orElse(null));
        m.put("address", r.address() != null ? r.address() : places.areaName(tenant, r.area()));
        m.put("address_id", null);
        m.put("zipcode", null);
        m.put("lat", r.position().latitude());
        m.put("long", r.position().longitude());
        String media = null;
        if (r.photosPublic()) {
            String field = type.map(ReportController::photoField).orElse("photos");
            media = handling.files(r.caseId(), field).stream().findFirst()
                    .map(f -> base + "/felanmalan/" + r.publicId() + "/foton/" + f.id()).orElse(null);
        }
        m.put("media_url", media);
        return m;
    }

    // ---- service request updates (extension)

    @GetMapping({"/open311/v2/servicerequestupdates.{format}", "/open311/v2/servicerequestupdates"})
    ResponseEntity<String> updates(@PathVariable(required = false) String format,
            @RequestParam MultiValueMap<String, String> params, HttpServletRequest request) {
        return answer(format, "service_request_updates", () -> within(params, request, false, () -> {
            int pageSize = number(params, "page_size", DEFAULT_PAGE_SIZE, 1, DEFAULT_PAGE_SIZE);
            int page = number(params, "page", 1, 1, 1_000_000);
            Instant[] range = range(params);
            return store.updatesBetween(range[0], range[1], list(params, "service_request_id"), (page - 1) * pageSize, pageSize)
                    .stream().map(this::updateEntry).toList();
        }));
    }

    @PostMapping({"/open311/v2/servicerequestupdates.{format}", "/open311/v2/servicerequestupdates"})
    ResponseEntity<String> addUpdate(@PathVariable(required = false) String format,
            @RequestParam MultiValueMap<String, String> params, HttpServletRequest request) {
        return answer(format, "service_request_updates", () -> within(params, request, true, () -> {
            var key = key(params);
            String id = required(params, "service_request_id");
            Report r = store.byPublicId(id).orElseThrow(() -> new Open311Error(404, "service_request_id " + id + " not found"));
            String status = param(params, "status");
            if (status != null && !status.equalsIgnoreCase("open") && !status.equalsIgnoreCase("closed")) {
                throw new Open311Error(400, "status: must be open or closed");
            }
            boolean close = "closed".equalsIgnoreCase(status);
            if ("open".equalsIgnoreCase(status) && r.closed()) {
                throw new Open311Error(400, "status: service request " + id + " is closed and cannot be reopened");
            }
            String description = param(params, "description");
            if (description == null && !close) {
                throw new Open311Error(400, "description: required argument missing");
            }
            if (description != null && description.length() > 2000) {
                throw new Open311Error(400, "description: at most 2000 characters");
            }
            try {
                return List.of(updateEntry(service.update(r, description, close, "open311:" + key.id())));
            } catch (IllegalCaseChangeException e) {
                throw new Open311Error(400, "status: service request " + id + " cannot be closed now");
            }
        }));
    }

    private Map<String, Object> updateEntry(Report.Update u) {
        Report r = store.byCase(u.caseId()).orElseThrow();
        Locale sv = Locale.forLanguageTag("sv");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("update_id", u.id().toString());
        m.put("service_request_id", u.publicId());
        m.put("status", u.closed() ? "closed" : "open");
        m.put("updated_datetime", date(u.at()));
        m.put("description", switch (u.kind()) {
            case "RECEIVED" -> text("reports.history.received", sv);
            case "STATUS" -> text("reports.history.status", sv, service.category(r.category())
                    .flatMap(t -> t.definition().status(u.status())).map(s -> s.resident().sv()).orElse(u.status()));
            case "MERGED" -> text("reports.history.merged", sv, u.description());
            default -> u.description();
        });
        m.put("media_url", null);
        return m;
    }

    // ---- shared rules

    /** Runs the work for the jurisdiction the request is for, in one transaction of that tenant. */
    private <T> T within(MultiValueMap<String, String> params, HttpServletRequest request, boolean write, Supplier<T> work) {
        TenantId tenant = jurisdiction(params, request);
        return write ? transactions.call(tenant, work) : transactions.read(tenant, work);
    }

    /**
     * A new request, counted per client address and per api key against the tenant's Open311 limit before
     * anything else is done, outside the transaction (the limiter has its own connection); a refused one
     * writes nothing.
     */
    private <T> T limited(MultiValueMap<String, String> params, HttpServletRequest request, Supplier<T> work) {
        TenantId tenant = jurisdiction(params, request);
        String address = request.getRemoteAddr();
        if (!limiter.exempt(address)) {
            var limit = tenants.byId(tenant).orElseThrow().writeLimits().open311();
            refuseIfOver(limiter.consume(tenant, "open311:ip:" + address, limit));
            String apiKey = param(params, "api_key");
            if (apiKey != null) {
                // the key's digest, not the key: the table is no place for a secret
                refuseIfOver(limiter.consume(tenant, "open311:key:" + sha256(apiKey), limit));
            }
        }
        return transactions.call(tenant, work);
    }

    private static void refuseIfOver(RateLimiter.Verdict verdict) {
        if (!verdict.allowed()) {
            throw new Open311Error(429, "rate limit: too many requests; retry after " + verdict.retryAfterSeconds()
                    + " seconds", verdict.retryAfterSeconds());
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private TenantId jurisdiction(MultiValueMap<String, String> params, HttpServletRequest request) {
        String given = param(params, "jurisdiction_id");
        var fromRequest = CurrentTenant.get()
                .or(() -> tenants.byHost(String.valueOf(request.getServerName()).toLowerCase(Locale.ROOT)).map(Tenant::id));
        if (given == null) {
            return fromRequest.orElseThrow(() -> new Open311Error(400,
                    "jurisdiction_id: required argument missing (this server serves several jurisdictions)"));
        }
        TenantId named = settings.byJurisdiction(given).orElseThrow(() -> new Open311Error(404,
                "jurisdiction_id " + given + " not found"));
        if (fromRequest.isPresent() && !fromRequest.get().equals(named)) {
            throw new Open311Error(404, "jurisdiction_id " + given + " not found");
        }
        return named;
    }

    private Open311Keys.Key key(MultiValueMap<String, String> params) {
        String given = param(params, "api_key");
        if (given == null) {
            // GeoReport v2's error table: 403 for an api_key that is missing or not valid
            throw new Open311Error(403, "api_key: required to create a request");
        }
        return keys.check(given).orElseThrow(() -> new Open311Error(403, "api_key: invalid or revoked"));
    }

    private CaseType serviceType(String code) {
        return service.category(code).orElseThrow(() -> new Open311Error(404, "service_code " + code + " not found"));
    }

    private Places.Place location(MultiValueMap<String, String> params) {
        String lat = param(params, "lat");
        String lon = param(params, "long");
        String address = param(params, "address_string");
        if (lat != null || lon != null) {
            if (lat == null || lon == null) {
                throw new Open311Error(400, (lat == null ? "lat" : "long") + ": required with " + (lat == null ? "long" : "lat"));
            }
            double latitude = decimal("lat", lat);
            double longitude = decimal("long", lon);
            Position position;
            try {
                position = new Position(latitude, longitude);
            } catch (IllegalArgumentException e) {
                throw new Open311Error(400, (latitude < -90 || latitude > 90 ? "lat" : "long") + ": " + e.getMessage());
            }
            if (!places.withinMunicipality(CurrentTenant.require(), position)) {
                throw new Open311Error(400, "lat/long: outside the jurisdiction");
            }
            return new Places.Place(position, address, null);
        }
        if (address != null) {
            var place = places.resolve(CurrentTenant.require(), "", "", address);
            if (place.position() == null) {
                throw new Open311Error(400, "address_string: " + address + " not found in the address register");
            }
            return place;
        }
        if (param(params, "address_id") != null) {
            throw new Open311Error(400, "address_id: not supported here; give lat and long, or address_string");
        }
        throw new Open311Error(400, "lat/long: required argument missing (or address_string)");
    }

    private static double decimal(String name, String value) {
        try {
            double d = Double.parseDouble(value);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new Open311Error(400, name + ": not a decimal number");
        }
    }

    private static Boolean status(MultiValueMap<String, String> params) {
        List<String> statuses = list(params, "status");
        for (String s : statuses) {
            if (!s.equals("open") && !s.equals("closed")) {
                throw new Open311Error(400, "status: " + s + " is not open or closed");
            }
        }
        if (statuses.contains("open") && statuses.contains("closed") || statuses.isEmpty()) {
            return null;
        }
        return statuses.contains("closed");
    }

    /**
     * The period asked for: by default the last 90 days; a start alone reaches 90 days on, an end alone 90
     * days back; a period longer than 90 days, or ending before it starts, is refused.
     */
    Instant[] range(MultiValueMap<String, String> params) {
        Instant start = instant(params, "start_date");
        Instant end = instant(params, "end_date");
        if (start == null && end == null) {
            end = clock.instant();
            start = end.minus(MAX_DAYS, ChronoUnit.DAYS);
        } else if (start == null) {
            start = end.minus(MAX_DAYS, ChronoUnit.DAYS);
        } else if (end == null) {
            end = start.plus(MAX_DAYS, ChronoUnit.DAYS);
        }
        if (end.isBefore(start)) {
            throw new Open311Error(400, "end_date: before start_date");
        }
        if (Duration.between(start, end).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw new Open311Error(400, "start_date/end_date: the period may span at most " + MAX_DAYS + " days");
        }
        return new Instant[] {start, end};
    }

    private static Instant instant(MultiValueMap<String, String> params, String name) {
        String value = param(params, name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value).atStartOfDay(SwedishTime.ZONE).toInstant();
            } catch (DateTimeParseException again) {
                throw new Open311Error(400, name + ": not an ISO 8601 date and time with zone, e.g. 2026-11-01T00:00:00+01:00");
            }
        }
    }

    private static int number(MultiValueMap<String, String> params, String name, int otherwise, int min, int max) {
        String value = param(params, name);
        if (value == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Open311Error(400, name + ": a whole number from " + min + " to " + max);
        }
    }

    /** A path's last part without its format extension: "gatubelysning.json" is gatubelysning. */
    private static String name(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? null : path.substring(dot + 1);
    }

    /** An argument's value; empty counts as not given. */
    static String param(MultiValueMap<String, String> params, String name) {
        String value = params.getFirst(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String required(MultiValueMap<String, String> params, String name) {
        String value = param(params, name);
        if (value == null) {
            throw new Open311Error(400, name + ": required argument missing");
        }
        return value;
    }

    /** A comma-separated argument's values, without empty ones. */
    static List<String> list(MultiValueMap<String, String> params, String name) {
        List<String> values = new ArrayList<>();
        for (String raw : params.getOrDefault(name, List.of())) {
            for (String part : raw == null ? new String[0] : raw.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        }
        return values;
    }

    private String notice(CaseType type) {
        return text("reports.open311.notice", Locale.forLanguageTag("sv"), type.definition().serviceNormDays());
    }

    static String date(Instant at) {
        return ISO.format(ZonedDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), SwedishTime.ZONE).toOffsetDateTime());
    }

    /** Where this tenant's pages are, for links in answers (published photos, discovery). */
    private static String base(HttpServletRequest request, Tenant tenant) {
        String scheme = request.getScheme();
        boolean defaultPort = (request.getServerPort() == 80 && "http".equals(scheme))
                || (request.getServerPort() == 443 && "https".equals(scheme));
        String port = defaultPort ? "" : ":" + request.getServerPort();
        String root = request.getServletContext().getContextPath();
        if (request.getAttribute(Tenant.class.getName()) != null) {
            // reached under the tenant's path prefix, which the request carries as its context path
            return scheme + "://" + request.getServerName() + port + request.getContextPath();
        }
        if (tenant == null || tenant.hosts().contains(request.getServerName().toLowerCase(Locale.ROOT))) {
            return scheme + "://" + request.getServerName() + port + root;
        }
        return tenant.hosts().isEmpty() ? scheme + "://" + request.getServerName() + port + root + "/t/" + tenant.slug()
                : scheme + "://" + tenant.hosts().get(0) + port + root;
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    private ResponseEntity<String> answer(String extension, String root, Supplier<Object> work) {
        if (extension != null && !extension.equals("xml") && !extension.equals("json")) {
            return error(Open311Format.XML, new Open311Error(404, "format " + extension + " not supported: use xml or json"));
        }
        Open311Format format = Open311Format.of(extension);
        try {
            return ResponseEntity.ok().contentType(format.mediaType).body(format.write(root, work.get(), jsonMapper));
        } catch (Open311Error e) {
            return error(format, e);
        }
    }

    private ResponseEntity<String> error(Open311Format format, Open311Error e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code);
        error.put("description", e.getMessage());
        var answer = ResponseEntity.status(HttpStatus.valueOf(e.code)).contentType(format.mediaType);
        if (e.retryAfter > 0) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter));
        }
        return answer.body(format.write("errors", List.of(error), jsonMapper));
    }
}
