package se.samla.cases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.samla.catalog.CaseType;
import se.samla.catalog.Catalog;
import se.samla.catalog.FieldType;
import se.samla.catalog.FormField;
import se.samla.identity.ApiClient;
import se.samla.shared.Confidentiality;
import se.samla.shared.CurrentTenant;
import se.samla.shared.InvalidIdentifierException;
import se.samla.shared.PersonIdentifier;
import se.samla.shared.Storable;
import se.samla.shared.StorableText;
import se.samla.tenancy.Tenants;
import se.samla.tenancy.Unit;

/**
 * The case API for integrators: the catalogue, cases to list, read and create, messages, status changes
 * and decisions. What a client may see and do comes from its token; lists leave out the rest and a
 * direct read of it answers 403.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Cases", description = "Case types and cases of the municipality the request is for")
class CaseApiController {

    private final Catalog catalog;
    private final Workbench workbench;
    private final CaseQueries cases;
    private final CaseIntake intake;
    private final CaseWork work;
    private final Tenants tenants;
    private final ApiCases api;

    CaseApiController(
            Catalog catalog,
            Workbench workbench,
            CaseQueries cases,
            CaseIntake intake,
            CaseWork work,
            Tenants tenants,
            ApiCases api) {
        this.catalog = catalog;
        this.workbench = workbench;
        this.cases = cases;
        this.intake = intake;
        this.work = work;
        this.tenants = tenants;
        this.api = api;
    }

    record CaseTypeDto(
            String code,
            int version,
            Map<String, String> name,
            String unit,
            String startedBy,
            String confidentiality,
            int serviceNormDays,
            int leadTimeDays,
            List<FieldDto> form,
            List<String> statuses,
            List<String> results) {}

    record FieldDto(
            String key,
            String type,
            boolean required,
            String label,
            List<String> options,
            Map<String, String> showWhen) {}

    record CaseSummary(
            UUID id,
            String reference,
            String caseType,
            int caseTypeVersion,
            String unit,
            String status,
            String confidentiality,
            String submittedAt,
            String plannedDecisionOn,
            String result,
            int version) {}

    record CaseDto(
            CaseSummary summary,
            String applicantName,
            Map<String, Object> answers,
            List<Map<String, String>> history,
            List<Map<String, String>> messages) {}

    /** @param total matching cases, counted up to 10,000; totalIsLowerBound says there are more */
    record CasePage(List<CaseSummary> items, int page, int size, long total, boolean totalIsLowerBound) {}

    record Applicant(String personalIdentityNumber, String name) {}

    record NewCase(
            @NotNull(message = REQUIRED) String caseType,
            UUID submissionId,
            Applicant applicant,
            Map<String, Object> answers) {}

    /** @param asLetter whether it goes as a letter too (a PDF by the resident's way of getting post); default no */
    record NewMessage(
            @Storable @NotBlank(message = MESSAGE_LENGTH) @Size(max = 10_000, message = MESSAGE_LENGTH)
            String body,

            Boolean asLetter) {}

    record StatusChange(
            @NotNull(message = REQUIRED) String to,
            @NotNull(message = VERSION) Integer version) {}

    record NewDecision(
            @NotNull(message = REQUIRED) String outcome,
            @NotBlank(message = REQUIRED) String reasons,
            @NotBlank(message = REQUIRED) String legalReference,
            @NotNull(message = VERSION) Integer version,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "The case officer's own amount for a fee of the case type, by the fee's "
                            + "code, with the reason; a fee left out is charged by the taxa")
            Map<String, FeeAmount> fees) {}

    /** An amount in kronor set instead of the taxa's, and why. */
    record FeeAmount(java.math.BigDecimal amount, String reason) {}

    private static final String REQUIRED = "is required";
    private static final String VERSION = "is required: the case's version as read";
    private static final String MESSAGE_LENGTH = "1-10000 characters";

    @GetMapping("/case-types")
    @Operation(summary = "The case types the client may use, in their current versions")
    List<CaseTypeDto> caseTypes() {
        ApiClient client = client(ApiClient.READ);
        return catalog.current(CurrentTenant.require()).stream()
                .filter(t -> client.coversCaseType(t.code())
                        && client.coversUnit(t.definition().unit()))
                .map(CaseApiController::dto)
                .toList();
    }

    @GetMapping("/cases")
    @Operation(
            summary = "Cases the client may see, newest first",
            description = "Filters: status, caseType, q "
                    + "(full-text over reference, names and answers). Paging: page (from 0) and size (1-200).")
    CasePage list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String caseType,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") @Min(value = 0, message = "must be 0 or more") int page,
            @RequestParam(defaultValue = "50")
                    @Min(value = 1, message = "must be 1-200")
                    @Max(value = 200, message = "must be 1-200")
                    int size) {
        ApiClient client = client(ApiClient.READ);
        List<String> units = tenants.units(CurrentTenant.require()).stream()
                .map(Unit::code)
                .filter(client::coversUnit)
                .toList();
        List<String> levels = java.util.Arrays.stream(Confidentiality.values())
                .filter(client.maxConfidentiality()::reaches)
                .map(Enum::name)
                .toList();
        List<String> types = client.caseTypes().contains("*") ? null : client.caseTypes();
        var result = workbench.find(new Workbench.Filter(
                Workbench.Queue.ALL,
                units,
                levels,
                null,
                blank(caseType),
                blank(status),
                null,
                null,
                blank(q),
                page,
                types,
                size));
        return new CasePage(
                result.cases().stream().map(CaseApiController::summary).toList(),
                page,
                size,
                Math.min(result.total(), Workbench.COUNT_LIMIT),
                result.totalIsAtLeast());
    }

    @GetMapping("/cases/{id}")
    @Operation(summary = "One case with its answers, history and messages")
    CaseDto read(@PathVariable UUID id) {
        ApiClient client = client(ApiClient.READ);
        var read = api.read(client, visibleReach(client, id)).orElseThrow();
        StoredCase c = read.c();
        List<Map<String, String>> history = read.history().stream()
                .map(h -> Map.of("status", h.toStatus(), "at", h.at().toString()))
                .toList();
        List<Map<String, String>> messages = read.messages().stream()
                .map(m -> Map.of(
                        "direction",
                        m.toResident() ? "TO_RESIDENT" : "FROM_RESIDENT",
                        "body",
                        m.body(),
                        "at",
                        m.at().toString()))
                .toList();
        return new CaseDto(summary(c), c.applicantName(), c.answers(), history, messages);
    }

    @PostMapping("/cases")
    @Operation(
            summary = "Create a case, for an e-service run elsewhere",
            description = "submissionId makes the call idempotent: the same id twice gives the one case.")
    ResponseEntity<CaseSummary> create(@Valid @RequestBody NewCase body) {
        ApiClient client = client(ApiClient.WRITE);
        List<ApiProblem.FieldProblem> problems = new ArrayList<>();
        CaseType type = catalog.current(CurrentTenant.require(), body.caseType())
                .filter(t -> client.coversCaseType(t.code())
                        && client.coversUnit(t.definition().unit()))
                .orElseThrow(() -> new ApiProblem(
                        HttpStatus.NOT_FOUND,
                        "No such case type for this client",
                        List.of(new ApiProblem.FieldProblem("caseType", "unknown: " + body.caseType()))));
        var submission = new CaseIntake.Submission(
                body.submissionId() == null ? UUID.randomUUID() : body.submissionId(),
                SubmissionOwner.apiClient(client.clientId()),
                client.auditId());
        CaseIntake.Reporter applicant = CaseIntake.Reporter.anonymous(client.auditId());
        if (body.applicant() != null
                && !StorableText.isStorable(body.applicant().name())) {
            // among the form's problems, so that every wrong field is named at once
            problems.add(new ApiProblem.FieldProblem("applicant.name", Storable.REASON));
        } else if (body.applicant() != null) {
            try {
                PersonIdentifier number =
                        PersonIdentifier.parse(body.applicant().personalIdentityNumber());
                applicant = new CaseIntake.Reporter(null, body.applicant().name(), number.digits(), client.auditId());
            } catch (InvalidIdentifierException e) {
                problems.add(new ApiProblem.FieldProblem(
                        "applicant.personalIdentityNumber", e.reason().name()));
            }
        } else if (type.definition().startedBy() != se.samla.catalog.CaseTypeDefinition.Starter.ANYONE) {
            problems.add(new ApiProblem.FieldProblem("applicant", "is required for this case type"));
        }
        Map<String, List<String>> values = values(type, body.answers(), problems);
        List<CaseIntake.NewFile> files = files(type, body.answers(), problems);
        if (!problems.isEmpty()) {
            // everything wrong at once: the form's own checks too
            intake.check(type.code(), values, files)
                    .forEach(e -> problems.add(new ApiProblem.FieldProblem("answers." + e.field(), e.messageKey())));
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "The answers do not fit the form", problems);
        }
        CaseIntake.Opened opened;
        try {
            opened = intake.open(new CaseIntake.Application(
                    type.code(), null, applicant, submission, values, files, CaseIntake.Channel.API));
        } catch (CaseIntake.Refused refused) {
            throw new ApiProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "The answers do not fit the form",
                    refused.errors().stream()
                            .map(e -> new ApiProblem.FieldProblem("answers." + e.field(), e.messageKey()))
                            .toList());
        } catch (CaseIntake.NotYours notYours) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    "The submissionId is taken; use a new one",
                    List.of(new ApiProblem.FieldProblem("submissionId", "used by another sender")));
        }
        StoredCase c = cases.byId(opened.caseId()).orElseThrow();
        return ResponseEntity.status(opened.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/cases/" + c.id()))
                .body(summary(c));
    }

    @PostMapping("/cases/{id}/messages")
    @Operation(summary = "Send a message to the resident")
    ResponseEntity<Void> message(@PathVariable UUID id, @Valid @RequestBody NewMessage body) {
        ApiClient client = client(ApiClient.WRITE);
        StoredCase c = visible(client, id);
        work.message(
                c,
                true,
                body.body().strip(),
                new CaseWork.Worker(client.auditId(), client.clientId()),
                Boolean.TRUE.equals(body.asLetter()));
        return ResponseEntity.status(HttpStatus.CREATED).build();
    }

    @PostMapping("/cases/{id}/status")
    @Operation(
            summary = "Move the case to another status of its lifecycle",
            description = "version is the case's version as read; a stale one answers 409.")
    CaseSummary status(@PathVariable UUID id, @Valid @RequestBody StatusChange body) {
        ApiClient client = client(ApiClient.WRITE);
        StoredCase c = visible(client, id);
        change(() -> work.transition(
                c, body.version(), body.to(), new CaseWork.Worker(client.auditId(), client.clientId())));
        return summary(cases.byId(id).orElseThrow());
    }

    @PostMapping("/cases/{id}/decision")
    @Operation(summary = "Decide the case and close it with the result")
    CaseSummary decide(@PathVariable UUID id, @Valid @RequestBody NewDecision body) {
        ApiClient client = client(ApiClient.WRITE);
        StoredCase c = visible(client, id);
        change(() -> work.decide(
                c,
                body.version(),
                body.outcome(),
                body.reasons().strip(),
                body.legalReference().strip(),
                body.fees() == null
                        ? Map.of()
                        : body.fees().entrySet().stream()
                                .collect(java.util.stream.Collectors.toMap(
                                        Map.Entry::getKey,
                                        e -> new se.samla.fees.ChargeOrder.Adjustment(
                                                e.getValue() == null
                                                        ? null
                                                        : e.getValue().amount(),
                                                e.getValue() == null
                                                        ? null
                                                        : e.getValue().reason()))),
                new CaseWork.Worker(client.auditId(), client.clientId())));
        return summary(cases.byId(id).orElseThrow());
    }

    private static String feeProblem(IllegalCaseChangeException e) {
        return e.messageKey()
                + (e.arguments().length == 0
                        ? ""
                        : ": "
                                + java.util.Arrays.stream(e.arguments())
                                        .map(String::valueOf)
                                        .collect(java.util.stream.Collectors.joining(", ")));
    }

    private static void change(Runnable change) {
        try {
            change.run();
        } catch (StaleCaseException e) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    "The case was changed since it was read; read it again",
                    List.of(new ApiProblem.FieldProblem("version", "stale")));
        } catch (IllegalCaseChangeException e) {
            if (e.messageKey().startsWith("fee.")) {
                // the fee's amount cannot be worked out: the message names the answer or the fee
                throw new ApiProblem(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "The decision's fee cannot be charged (" + feeProblem(e) + ")",
                        List.of(new ApiProblem.FieldProblem("fees", e.messageKey())));
            }
            throw new ApiProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "The case type does not allow this change",
                    List.of(new ApiProblem.FieldProblem("to", e.messageKey())));
        }
    }

    /** The case, if it exists in this tenant and the client may see it: 404 when it does not exist, else 403. */
    private StoredCase visible(ApiClient client, UUID id) {
        return visibleReach(client, id).visible().orElseThrow();
    }

    private ApiCases.Reach visibleReach(ApiClient client, UUID id) {
        var reach = api.reach(client, id);
        if (!reach.exists()) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "No such case", List.of());
        }
        if (reach.visible().isEmpty()) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "The token does not allow this case", List.of());
        }
        return reach;
    }

    private static ApiClient client(String scope) {
        ApiClient client = ApiClient.current()
                .orElseThrow(() -> new ApiProblem(
                        HttpStatus.UNAUTHORIZED, "A valid bearer token for this municipality is required", List.of()));
        if (!client.has(scope)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "The token lacks the scope " + scope, List.of());
        }
        return client;
    }

    /**
     * Files given as answers: a list of {"filename": ..., "contentBase64": ...}. The intake checks them like
     * uploads (type from the content, size, count) and keeps them with the case; a repeated submission
     * answers with the case it made and stores nothing again.
     */
    private static List<CaseIntake.NewFile> files(
            CaseType type, Map<String, Object> answers, List<ApiProblem.FieldProblem> problems) {
        List<CaseIntake.NewFile> files = new ArrayList<>();
        if (answers == null) {
            return files;
        }
        for (FormField field : type.definition().form()) {
            if (field.type() != FieldType.FILE || !answers.containsKey(field.key())) {
                continue;
            }
            if (!(answers.get(field.key()) instanceof List<?> list)) {
                problems.add(new ApiProblem.FieldProblem(
                        "answers." + field.key(), "give a list of {filename, contentBase64}"));
                continue;
            }
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> file) || !(file.get("contentBase64") instanceof String data)) {
                    problems.add(
                            new ApiProblem.FieldProblem("answers." + field.key(), "give {filename, contentBase64}"));
                    continue;
                }
                byte[] bytes;
                try {
                    bytes = java.util.Base64.getDecoder().decode(data);
                } catch (IllegalArgumentException e) {
                    problems.add(new ApiProblem.FieldProblem("answers." + field.key(), "contentBase64 is not base64"));
                    continue;
                }
                files.add(new CaseIntake.NewFile(
                        field.key(),
                        String.valueOf(file.get("filename")),
                        bytes.length,
                        () -> new java.io.ByteArrayInputStream(bytes)));
            }
        }
        return files;
    }

    /** JSON answers as the form's inputs: strings, numbers, booleans (ja/nej), lists and address objects. */
    private static Map<String, List<String>> values(
            CaseType type, Map<String, Object> answers, List<ApiProblem.FieldProblem> problems) {
        Map<String, List<String>> values = new HashMap<>();
        if (answers == null) {
            return values;
        }
        for (var entry : answers.entrySet()) {
            FormField field = type.definition().field(entry.getKey()).orElse(null);
            if (field != null && field.type() == FieldType.FILE) {
                continue;
            }
            if (field == null) {
                problems.add(new ApiProblem.FieldProblem("answers." + entry.getKey(), "not a question of this form"));
                continue;
            }
            Object v = entry.getValue();
            if (field.type() == FieldType.ADDRESS && v instanceof Map<?, ?> address) {
                for (String part : List.of("street", "postalCode", "city")) {
                    Object p = address.get(part);
                    values.put(field.key() + "." + part, p == null ? List.of() : List.of(String.valueOf(p)));
                }
            } else if (v instanceof List<?> list) {
                values.put(field.key(), list.stream().map(String::valueOf).toList());
            } else if (v instanceof Boolean b) {
                values.put(field.key(), List.of(b ? "ja" : "nej"));
            } else if (v instanceof Map<?, ?>) {
                problems.add(
                        new ApiProblem.FieldProblem("answers." + entry.getKey(), "an object is not an answer here"));
            } else if (v != null) {
                values.put(field.key(), List.of(String.valueOf(v)));
            }
        }
        return values;
    }

    private static CaseTypeDto dto(CaseType t) {
        var d = t.definition();
        return new CaseTypeDto(
                t.code(),
                t.version(),
                names(d.name()),
                d.unit(),
                d.startedBy().name(),
                d.confidentiality().level().name(),
                d.serviceNormDays(),
                d.leadTimeDays(),
                d.form().stream()
                        .map(f -> new FieldDto(
                                f.key(),
                                f.type().name(),
                                f.required(),
                                f.label().sv(),
                                f.options().stream()
                                        .map(FormField.Option::value)
                                        .toList(),
                                f.showWhen() == null
                                        ? null
                                        : Map.of(
                                                "field",
                                                f.showWhen().field(),
                                                "equals",
                                                f.showWhen().equals())))
                        .toList(),
                d.statuses().stream().map(s -> s.code()).toList(),
                d.results().stream().map(r -> r.code()).toList());
    }

    private static Map<String, String> names(se.samla.shared.LocalizedText text) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("sv", text.sv());
        if (text.en() != null) {
            names.put("en", text.en());
        }
        return names;
    }

    private static CaseSummary summary(StoredCase c) {
        return new CaseSummary(
                c.id(),
                c.reference(),
                c.caseType(),
                c.caseTypeVersion(),
                c.unit(),
                c.status(),
                c.confidentiality().name(),
                c.submittedAt().toString(),
                c.plannedDecisionOn().toString(),
                c.result(),
                c.version());
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
