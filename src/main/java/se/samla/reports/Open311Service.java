package se.samla.reports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import se.samla.cases.CaseHandling;
import se.samla.cases.CaseIntake;
import se.samla.cases.IllegalCaseChangeException;
import se.samla.cases.SubmissionOwner;
import se.samla.catalog.CaseType;
import se.samla.catalog.FieldType;
import se.samla.catalog.FormField;
import se.samla.platform.RateLimiter;
import se.samla.platform.TenantTransactions;
import se.samla.reports.Open311Answer.Attribute;
import se.samla.reports.Open311Answer.Discovery;
import se.samla.reports.Open311Answer.Endpoint;
import se.samla.reports.Open311Answer.Receipt;
import se.samla.reports.Open311Answer.RequestUpdate;
import se.samla.reports.Open311Answer.ServiceDefinition;
import se.samla.reports.Open311Answer.ServiceRequest;
import se.samla.reports.Open311Answer.ServiceRequestUpdates;
import se.samla.reports.Open311Answer.ServiceRequests;
import se.samla.reports.Open311Answer.Services;
import se.samla.reports.Open311Answer.TokenEntry;
import se.samla.reports.Open311Answer.Value;
import se.samla.reports.Open311Arguments.Jurisdiction;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;
import se.samla.shared.TenantId;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * Open311 GeoReport v2's methods on the reports: which municipality a call is for, its api key, its rate limit,
 * one transaction of that municipality, and the answer documents. What the specification calls an error is an
 * {@link Open311Refusal}; nothing is written by a refused call.
 */
@Service
class Open311Service {

    static final int MAX_DAYS = 90;
    static final int DEFAULT_PAGE_SIZE = 1000;
    static final String CHANGESET = "2026-11-26T00:00:00+01:00";
    private static final Locale SWEDISH = Locale.forLanguageTag("sv");

    private final Tenants tenants;
    private final TenantReportSettings settings;
    private final TenantTransactions transactions;
    private final ReportService reports;
    private final ReportStore store;
    private final CaseHandling handling;
    private final Open311Keys keys;
    private final Places places;
    private final MessageSource messages;
    private final RateLimiter limiter;
    private final Clock clock;

    Open311Service(
            Tenants tenants,
            TenantReportSettings settings,
            TenantTransactions transactions,
            ReportService reports,
            ReportStore store,
            CaseHandling handling,
            Open311Keys keys,
            Places places,
            MessageSource messages,
            RateLimiter limiter,
            Clock clock) {
        this.tenants = tenants;
        this.settings = settings;
        this.transactions = transactions;
        this.reports = reports;
        this.store = store;
        this.handling = handling;
        this.keys = keys;
        this.places = places;
        this.messages = messages;
        this.limiter = limiter;
        this.clock = clock;
    }

    /** Where this installation's Open311 is, for the municipality the host names (or none). */
    Discovery discovery(String host, Open311Links links) {
        Tenant tenant = fromRequest(host).flatMap(tenants::byId).orElse(null);
        var endpoint = new Endpoint(
                "http://wiki.open311.org/GeoReport_v2",
                links.base(tenant) + "/open311/v2",
                CHANGESET,
                "production",
                List.of("text/xml", "application/json"));
        return new Discovery(
                CHANGESET,
                tenant == null ? "Samla" : tenant.name(),
                "An administrator of the municipality issues api keys in Samla at /admin/open311.",
                List.of(endpoint));
    }

    // ---- services

    Services services(Jurisdiction jurisdiction) {
        return read(
                jurisdiction,
                () -> new Services(
                        reports.categories().stream().map(this::service).toList()));
    }

    ServiceDefinition definition(Jurisdiction jurisdiction, String code) {
        return read(jurisdiction, () -> {
            CaseType type = serviceType(code);
            return new ServiceDefinition(type.code(), attributes(type));
        });
    }

    private Open311Answer.Service service(CaseType type) {
        var d = type.definition();
        return new Open311Answer.Service(
                type.code(),
                d.name().sv(),
                d.description() == null ? null : d.description().sv(),
                !attributeFields(type).isEmpty(),
                "realtime",
                String.join(", ", d.keywords()),
                text("category." + d.category()));
    }

    /** The form's questions that are not among the request's own arguments (description, e-mail, name, photos). */
    private static List<FormField> attributeFields(CaseType type) {
        return type.definition().form().stream()
                .filter(f -> f.type() != FieldType.FILE
                        && f.type() != FieldType.EMAIL
                        && !f.key().equals("description")
                        && !f.key().equals("name"))
                .toList();
    }

    private static List<Attribute> attributes(CaseType type) {
        List<Attribute> attributes = new ArrayList<>();
        for (FormField f : attributeFields(type)) {
            String datatype = switch (f.type()) {
                case LONG_TEXT -> "text";
                case NUMBER -> "number";
                case DATE -> "datetime";
                case CHOICE, YES_NO -> "singlevaluelist";
                case MULTI_CHOICE -> "multivaluelist";
                default -> "string";
            };
            List<Value> values = f.type() == FieldType.YES_NO
                    ? List.of(new Value("ja", "Ja"), new Value("nej", "Nej"))
                    : f.options().stream()
                            .map(o -> new Value(o.value(), o.label().sv()))
                            .toList();
            attributes.add(new Attribute(
                    true,
                    f.key(),
                    datatype,
                    f.required(),
                    f.help() == null ? null : f.help().sv(),
                    attributes.size() + 1,
                    f.label().sv(),
                    values));
        }
        return attributes;
    }

    // ---- requests

    /**
     * A new request, counted per client address and per api key against the municipality's Open311 limit before
     * anything else is done, outside the transaction (the limiter has its own connection); a refused one writes
     * nothing. It then goes through the one intake every channel uses.
     */
    ServiceRequests create(
            Jurisdiction jurisdiction,
            String clientAddress,
            Open311Arguments.NewRequest arguments,
            Open311Arguments.Attributes given) {
        TenantId tenant = tenant(jurisdiction);
        if (!limiter.exempt(clientAddress)) {
            var limit = tenants.byId(tenant).orElseThrow().writeLimits().open311();
            refuseIfOver(limiter.consume(tenant, "open311:ip:" + clientAddress, limit));
            if (arguments.apiKey() != null) {
                // the key's digest, not the key: the table is no place for a secret
                refuseIfOver(limiter.consume(tenant, "open311:key:" + sha256(arguments.apiKey()), limit));
            }
        }
        return transactions.call(tenant, () -> {
            var key = key(arguments.apiKey());
            String code = required("service_code", arguments.serviceCode());
            CaseType type = serviceType(code);
            Places.Place place = location(arguments);
            var definition = type.definition();
            Map<String, List<String>> values = new LinkedHashMap<>();
            if (definition.field("description").isPresent() && arguments.description() != null) {
                values.put("description", List.of(arguments.description()));
            }
            definition.form().stream()
                    .filter(f -> f.type() == FieldType.EMAIL)
                    .findFirst()
                    .filter(f -> arguments.email() != null)
                    .ifPresent(f -> values.put(f.key(), List.of(arguments.email())));
            if (arguments.name() != null && definition.field("name").isPresent()) {
                values.put("name", List.of(arguments.name()));
            }
            var allowed = attributeFields(type).stream().map(FormField::key).toList();
            given.byCode().forEach((attribute, answers) -> {
                if (!allowed.contains(attribute)) {
                    String shown = attribute.length() > 100 ? attribute.substring(0, 100) + "…" : attribute;
                    throw Open311Refusal.badArgument("attribute[" + shown + "]", code + " has no attribute " + shown);
                }
                List<String> answered =
                        answers.stream().filter(v -> v != null && !v.isBlank()).toList();
                if (!answered.isEmpty()) {
                    values.computeIfAbsent(attribute, k -> new ArrayList<>()).addAll(answered);
                }
            });
            UUID token = UUID.randomUUID();
            String auditId = "open311:" + key.id();
            ReportService.Submitted submitted;
            try {
                submitted = reports.submit(new ReportService.NewReport(
                        type.code(),
                        place.position(),
                        place.address(),
                        values,
                        new CaseIntake.Submission(token, SubmissionOwner.open311(key.id()), auditId),
                        CaseIntake.Reporter.anonymous(auditId),
                        CaseIntake.Channel.OPEN311));
            } catch (CaseIntake.Refused refused) {
                var first = refused.errors().get(0);
                String field = allowed.contains(first.field())
                        ? "attribute[" + first.field() + "]"
                        : first.field().equals("name")
                                ? "first_name"
                                : definition
                                        .field(first.field())
                                        .filter(f -> f.type() == FieldType.EMAIL)
                                        .map(f -> "email")
                                        .orElse(first.field());
                throw Open311Refusal.badArgument(
                        field,
                        messages.getMessage(
                                first.messageKey(), first.args().toArray(), first.messageKey(), Locale.ENGLISH));
            }
            return new ServiceRequests(
                    List.of(new Receipt(submitted.report().publicId(), token.toString(), notice(type), null)));
        });
    }

    ServiceRequests token(Jurisdiction jurisdiction, String token) {
        return read(jurisdiction, () -> {
            Optional<UUID> id;
            try {
                id = Optional.of(UUID.fromString(token));
            } catch (IllegalArgumentException e) {
                id = Optional.empty();
            }
            Report r = id.flatMap(store::bySubmission)
                    .orElseThrow(() -> Open311Refusal.notFound("token " + token + " not found"));
            return new ServiceRequests(List.of(new TokenEntry(r.publicId(), token)));
        });
    }

    /** The requests asked for; by default the last 90 days' in every service, up to a page of 1,000. */
    ServiceRequests requests(Jurisdiction jurisdiction, Open311Arguments.RequestSearch search, Open311Links links) {
        return read(jurisdiction, () -> {
            Tenant tenant = tenants.byId(CurrentTenant.require()).orElseThrow();
            int pageSize = search.pageSize() == null ? DEFAULT_PAGE_SIZE : search.pageSize();
            int page = search.page() == null ? 1 : search.page();
            List<String> ids = values(search.serviceRequestIds());
            ReportStore.Query query;
            if (!ids.isEmpty()) {
                // the specification: asking for ids overrides every other filter
                query = new ReportStore.Query(
                        ids, List.of(), null, null, null, 0, Math.min(ids.size(), DEFAULT_PAGE_SIZE));
            } else {
                List<String> codes = values(search.serviceCodes());
                codes.forEach(this::serviceType);
                Instant[] range = range(search.startDate(), search.endDate());
                query = new ReportStore.Query(
                        List.of(),
                        codes,
                        closed(values(search.status())),
                        range[0],
                        range[1],
                        (page - 1) * pageSize,
                        pageSize);
            }
            String base = links.base(tenant);
            return new ServiceRequests(new Rows(base).requests(store.find(query)));
        });
    }

    /** The municipality's reports as of their last change: what a list answered before still holds if equal. */
    Open311Lists.Version version(Jurisdiction jurisdiction) {
        TenantId tenant = tenant(jurisdiction);
        return new Open311Lists.Version(tenant, transactions.read(tenant, store::lastChange));
    }

    ServiceRequests request(Jurisdiction jurisdiction, String id, Open311Links links) {
        return read(jurisdiction, () -> {
            Tenant tenant = tenants.byId(CurrentTenant.require()).orElseThrow();
            Report r = store.byPublicId(id)
                    .orElseThrow(() -> Open311Refusal.notFound("service_request_id " + id + " not found"));
            return new ServiceRequests(List.of(request(r, links.base(tenant))));
        });
    }

    private ServiceRequest request(Report r, String base) {
        return new Rows(base).request(r);
    }

    /**
     * Turns a page of reports into answers, looking up each category, unit and area once per page rather than
     * once per row: a page is up to 1,000 rows of a handful of categories, and the service notice is a formatted
     * message (the profile of a 1,000-row page showed a third of its time in formatting the same notice).
     */
    private final class Rows {

        private final String base;
        private final TenantId tenant = CurrentTenant.require();
        private final Map<String, Category> categories = new HashMap<>();
        private final Map<String, String> units = new HashMap<>();
        private final Map<String, String> areas = new HashMap<>();

        private record Category(Optional<CaseType> type, String name, String notice, String photoField) {}

        Rows(String base) {
            this.base = base;
        }

        List<ServiceRequest> requests(List<Report> reports) {
            return reports.stream().map(this::request).toList();
        }

        ServiceRequest request(Report r) {
            Category category = categories.computeIfAbsent(r.category(), code -> {
                var type = reports.category(code);
                return new Category(
                        type,
                        type.map(t -> t.definition().name().sv()).orElse(code),
                        type.map(Open311Service.this::notice).orElse(null),
                        type.map(ReportController::photoField).orElse("photos"));
            });
            String media = null;
            if (r.photosPublic()) {
                media = handling.files(r.caseId(), category.photoField()).stream()
                        .findFirst()
                        .map(f -> base + "/felanmalan/" + r.publicId() + "/foton/" + f.id())
                        .orElse(null);
            }
            String unit = r.unit() == null
                    ? null
                    : units.computeIfAbsent(
                            r.unit(),
                            code -> tenants.unit(tenant, code)
                                    .map(u -> u.name().sv())
                                    .orElse(code));
            String address = r.address() != null
                    ? r.address()
                    : r.area() == null ? null : areas.computeIfAbsent(r.area(), code -> places.areaName(tenant, code));
            return new ServiceRequest(
                    r.publicId(),
                    r.closed() ? "closed" : "open",
                    r.publicText(),
                    category.name(),
                    r.category(),
                    r.publicDescription(),
                    unit,
                    category.notice(),
                    Open311Answer.date(r.reportedAt()),
                    Open311Answer.date(r.updatedAt()),
                    category.type()
                            .map(t -> Open311Answer.date(
                                    r.reportedAt().plus(t.definition().serviceNormDays(), ChronoUnit.DAYS)))
                            .orElse(null),
                    address,
                    null,
                    null,
                    r.position().latitude(),
                    r.position().longitude(),
                    media);
        }
    }

    // ---- service request updates (extension)

    ServiceRequestUpdates updates(Jurisdiction jurisdiction, Open311Arguments.UpdateSearch search) {
        return read(jurisdiction, () -> {
            int pageSize = search.pageSize() == null ? DEFAULT_PAGE_SIZE : search.pageSize();
            int page = search.page() == null ? 1 : search.page();
            Instant[] range = range(search.startDate(), search.endDate());
            return new ServiceRequestUpdates(store
                    .updatesBetween(
                            range[0], range[1], values(search.serviceRequestIds()), (page - 1) * pageSize, pageSize)
                    .stream()
                    .map(this::update)
                    .toList());
        });
    }

    ServiceRequestUpdates addUpdate(Jurisdiction jurisdiction, Open311Arguments.NewUpdate update) {
        return transactions.call(tenant(jurisdiction), () -> {
            var key = key(update.apiKey());
            String id = required("service_request_id", update.serviceRequestId());
            Report r = store.byPublicId(id)
                    .orElseThrow(() -> Open311Refusal.notFound("service_request_id " + id + " not found"));
            String status = update.status();
            if (status != null && !status.equalsIgnoreCase("open") && !status.equalsIgnoreCase("closed")) {
                throw Open311Refusal.badArgument("status", "must be open or closed");
            }
            boolean close = "closed".equalsIgnoreCase(status);
            if ("open".equalsIgnoreCase(status) && r.closed()) {
                throw Open311Refusal.badArgument(
                        "status", "service request " + id + " is closed and cannot be reopened");
            }
            if (update.description() == null && !close) {
                throw Open311Refusal.badArgument("description", "required argument missing");
            }
            try {
                return new ServiceRequestUpdates(
                        List.of(update(reports.update(r, update.description(), close, "open311:" + key.id()))));
            } catch (IllegalCaseChangeException e) {
                throw Open311Refusal.badArgument("status", "service request " + id + " cannot be closed now");
            }
        });
    }

    private RequestUpdate update(Report.Update u) {
        Report r = store.byCase(u.caseId()).orElseThrow();
        String description = switch (u.kind()) {
            case "RECEIVED" -> text("reports.history.received");
            case "STATUS" ->
                text(
                        "reports.history.status",
                        reports.category(r.category())
                                .flatMap(t -> t.definition().status(u.status()))
                                .map(s -> s.resident().sv())
                                .orElse(u.status()));
            case "MERGED" -> text("reports.history.merged", u.description());
            default -> u.description();
        };
        return new RequestUpdate(
                u.id().toString(),
                u.publicId(),
                u.closed() ? "closed" : "open",
                Open311Answer.date(u.at()),
                description,
                null);
    }

    // ---- shared rules

    private <T> T read(Jurisdiction jurisdiction, Supplier<T> work) {
        return transactions.read(tenant(jurisdiction), work);
    }

    private Optional<TenantId> fromRequest(String host) {
        return CurrentTenant.get()
                .or(() -> tenants.byHost(String.valueOf(host).toLowerCase(Locale.ROOT))
                        .map(Tenant::id));
    }

    /**
     * The municipality named by jurisdiction_id, which may be left out on a municipality's own host or path prefix;
     * there it must name that municipality, so no other one's requests are reachable from it.
     */
    private TenantId tenant(Jurisdiction jurisdiction) {
        var fromRequest = fromRequest(jurisdiction.host());
        if (jurisdiction.id() == null) {
            return fromRequest.orElseThrow(() -> Open311Refusal.badArgument(
                    "jurisdiction_id", "required argument missing (this server serves several jurisdictions)"));
        }
        TenantId named = settings.byJurisdiction(jurisdiction.id())
                .orElseThrow(() -> Open311Refusal.notFound("jurisdiction_id " + jurisdiction.id() + " not found"));
        if (fromRequest.isPresent() && !fromRequest.get().equals(named)) {
            throw Open311Refusal.notFound("jurisdiction_id " + jurisdiction.id() + " not found");
        }
        return named;
    }

    private static void refuseIfOver(RateLimiter.Verdict verdict) {
        if (!verdict.allowed()) {
            throw new Open311Refusal(
                    429,
                    "rate limit: too many requests; retry after " + verdict.retryAfterSeconds() + " seconds",
                    verdict.retryAfterSeconds());
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Open311Keys.Key key(String given) {
        if (given == null) {
            // GeoReport v2's error table: 403 for an api_key that is missing or not valid
            throw new Open311Refusal(403, "api_key: required to create a request");
        }
        return keys.check(given).orElseThrow(() -> new Open311Refusal(403, "api_key: invalid or revoked"));
    }

    private CaseType serviceType(String code) {
        return reports.category(code).orElseThrow(() -> Open311Refusal.notFound("service_code " + code + " not found"));
    }

    private Places.Place location(Open311Arguments.NewRequest arguments) {
        String lat = arguments.lat();
        String lon = arguments.longitude();
        if (lat != null || lon != null) {
            if (lat == null || lon == null) {
                throw Open311Refusal.badArgument(
                        lat == null ? "lat" : "long", "required with " + (lat == null ? "long" : "lat"));
            }
            double latitude = decimal("lat", lat);
            double longitude = decimal("long", lon);
            Position position;
            try {
                position = new Position(latitude, longitude);
            } catch (IllegalArgumentException e) {
                throw Open311Refusal.badArgument(latitude < -90 || latitude > 90 ? "lat" : "long", e.getMessage());
            }
            if (!places.withinMunicipality(CurrentTenant.require(), position)) {
                throw Open311Refusal.badArgument("lat/long", "outside the jurisdiction");
            }
            return new Places.Place(position, arguments.addressString(), null);
        }
        if (arguments.addressString() != null) {
            var place = places.resolve(CurrentTenant.require(), "", "", arguments.addressString());
            if (place.position() == null) {
                throw Open311Refusal.badArgument(
                        "address_string", arguments.addressString() + " not found in the address register");
            }
            return place;
        }
        if (arguments.addressId() != null) {
            throw Open311Refusal.badArgument("address_id", "not supported here; give lat and long, or address_string");
        }
        throw Open311Refusal.badArgument("lat/long", "required argument missing (or address_string)");
    }

    private static double decimal(String name, String value) {
        try {
            double d = Double.parseDouble(value);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw Open311Refusal.badArgument(name, "not a decimal number");
        }
    }

    /** open, closed, or both (null) */
    private static Boolean closed(List<String> statuses) {
        for (String s : statuses) {
            if (!s.equals("open") && !s.equals("closed")) {
                throw Open311Refusal.badArgument("status", s + " is not open or closed");
            }
        }
        if (statuses.contains("open") && statuses.contains("closed") || statuses.isEmpty()) {
            return null;
        }
        return statuses.contains("closed");
    }

    /**
     * The period asked for: by default the last 90 days; a start alone reaches 90 days on, an end alone 90 days
     * back; a period longer than 90 days, or ending before it starts, is refused.
     */
    private Instant[] range(String startDate, String endDate) {
        Instant start = instant("start_date", startDate);
        Instant end = instant("end_date", endDate);
        if (start == null && end == null) {
            end = clock.instant();
            start = end.minus(MAX_DAYS, ChronoUnit.DAYS);
        } else if (start == null) {
            start = end.minus(MAX_DAYS, ChronoUnit.DAYS);
        } else if (end == null) {
            end = start.plus(MAX_DAYS, ChronoUnit.DAYS);
        }
        if (end.isBefore(start)) {
            throw Open311Refusal.badArgument("end_date", "before start_date");
        }
        if (Duration.between(start, end).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw Open311Refusal.badArgument(
                    "start_date/end_date", "the period may span at most " + MAX_DAYS + " days");
        }
        return new Instant[] {start, end};
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value).atStartOfDay(SwedishTime.ZONE).toInstant();
            } catch (DateTimeParseException again) {
                throw Open311Refusal.badArgument(
                        name, "not an ISO 8601 date and time with zone, e.g. 2026-11-01T00:00:00+01:00");
            }
        }
    }

    private static String required(String name, String value) {
        if (value == null) {
            throw Open311Refusal.badArgument(name, "required argument missing");
        }
        return value;
    }

    /** A list argument's values, each comma-separated part on its own, without empty ones. */
    private static List<String> values(List<String> given) {
        List<String> values = new ArrayList<>();
        for (String raw : given == null ? List.<String>of() : given) {
            for (String part : raw == null ? new String[0] : raw.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        }
        return values;
    }

    private String notice(CaseType type) {
        return text("reports.open311.notice", type.definition().serviceNormDays());
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, SWEDISH);
    }
}
