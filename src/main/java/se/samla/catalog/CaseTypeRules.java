package se.samla.catalog;

import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import se.samla.catalog.CaseTypeDefinition.Result;
import se.samla.catalog.CaseTypeDefinition.Starter;
import se.samla.catalog.CaseTypeDefinition.Status;
import se.samla.shared.Confidentiality;

/** What makes a case type definition sound. The first problem found is reported with its field path. */
final class CaseTypeRules {

    record Problem(String path, String message) {}

    static final class Invalid extends RuntimeException {
        final Problem problem;

        Invalid(String path, String message) {
            super(path + ": " + message);
            this.problem = new Problem(path, message);
        }
    }

    private CaseTypeRules() {}

    private static void level(Integer value, String path) {
        require(value != null && value >= 0 && value <= 4, path, "must be a level from 0 to 4");
    }

    static void check(CaseTypeDefinition d, String expectedCode, Predicate<String> unitExists) {
        require(
                d.code() != null && d.code().equals(expectedCode),
                "code",
                "must be '" + expectedCode + "', the file's name");
        require(d.code().matches("[a-z0-9-]{2,60}"), "code", "use 2-60 lower-case letters, digits or '-'");
        require(d.name() != null && !d.name().sv().isBlank(), "name", "a Swedish name (sv) is needed");
        require(d.category() != null && !d.category().isBlank(), "category", "is missing");
        if (!d.isReportCategory()) {
            require(
                    d.plainLanguage() != null
                            && !d.plainLanguage().sv().isBlank()
                            && d.plainLanguage().en() != null
                            && !d.plainLanguage().en().isBlank(),
                    "plainLanguage",
                    "an e-service needs a plain-language (lättläst) summary in Swedish (sv) and English (en)");
        }
        require(
                d.unit() != null && unitExists.test(d.unit()),
                "unit",
                "'" + d.unit() + "' is not a unit of this tenant");
        require(d.startedBy() != null, "startedBy", "must be ANYONE, RESIDENT or BUSINESS");
        if (d.startedBy() != Starter.ANYONE) {
            require(
                    d.assuranceLevel() != null && d.assuranceLevel() >= 2 && d.assuranceLevel() <= 4,
                    "assuranceLevel",
                    "must be 2, 3 or 4 when the starter logs in");
        }
        require(
                d.confidentiality() != null && d.confidentiality().level() != null,
                "confidentiality.level",
                "is missing");
        if (d.confidentiality().level().reaches(Confidentiality.CONFIDENTIAL)) {
            require(
                    d.confidentiality().provision() != null
                            && !d.confidentiality().provision().isBlank(),
                    "confidentiality.provision",
                    "a confidential case type must name its OSL provision");
        }
        require(d.registered() != null, "registered", "say true or false: are the documents of its cases registered?");
        if (d.confidentiality().level().reaches(Confidentiality.CONFIDENTIAL)) {
            require(d.isRegistered(), "registered", "documents that may be secret must be registered (OSL 5 kap. 1 §)");
        }
        require(
                d.classification() != null,
                "classification",
                "give the KLASSA levels: confidentiality, integrity, availability");
        level(d.classification().confidentiality(), "classification.confidentiality");
        level(d.classification().integrity(), "classification.integrity");
        level(d.classification().availability(), "classification.availability");
        require(
                d.classification().confidentiality() < 4,
                "classification.confidentiality",
                "level 4 information (security-protected) is kept outside ordinary systems such as this one");
        if (d.confidentiality().level().reaches(Confidentiality.CONFIDENTIAL)) {
            require(
                    d.classification().confidentiality() >= 2,
                    "classification.confidentiality",
                    "a confidential case type needs at least level 2");
        }
        require(d.serviceNormDays() > 0, "serviceNormDays", "must be more than 0");
        require(d.leadTimeDays() >= d.serviceNormDays(), "leadTimeDays", "must be at least serviceNormDays");
        if (d.report() != null) {
            if (d.startedBy() != Starter.ANYONE) {
                throw new Invalid("startedBy", "a report category must be open to ANYONE");
            }
            for (int i = 0; i < d.report().routes().size(); i++) {
                var route = d.report().routes().get(i);
                require(
                        route.area() != null && route.area().matches("[a-z0-9-]{1,40}"),
                        "report.routes[" + i + "].area",
                        "name an area code of areas.geojson");
                require(
                        route.unit() != null && unitExists.test(route.unit()),
                        "report.routes[" + i + "].unit",
                        "'" + route.unit() + "' is not a unit of this tenant");
            }
            var cleared = d.report().sensorCleared();
            if (cleared != null) {
                require(
                        (cleared.status() == null) != (cleared.result() == null),
                        "report.sensorCleared",
                        "give exactly one of status and result");
                if (cleared.status() != null) {
                    require(
                            d.status(cleared.status()).filter(s -> !s.isFinal()).isPresent(),
                            "report.sensorCleared.status",
                            "'" + cleared.status() + "' is not a status of the case type that is not final");
                } else {
                    require(
                            d.result(cleared.result()).isPresent(),
                            "report.sensorCleared.result",
                            "'" + cleared.result() + "' is not a result of the case type");
                }
            }
        }
        if (d.transfer() != null) {
            require(
                    d.transfer().result() != null
                            && d.result(d.transfer().result()).isPresent(),
                    "transfer.result",
                    "'" + d.transfer().result() + "' is not a result of the case type");
            if (d.confidentiality().level().reaches(Confidentiality.CONFIDENTIAL)) {
                require(
                        d.transfer().secrecyProvision() != null
                                && !d.transfer().secrecyProvision().isBlank(),
                        "transfer.secrecyProvision",
                        "a confidential case type is handed over only with the provision under which its secrecy"
                                + " follows to the receiving authority");
            }
        }
        for (int i = 0; i < d.kolada().size(); i++) {
            var kpi = d.kolada().get(i);
            require(
                    kpi.kpi() != null && kpi.kpi().matches("[A-Za-z0-9_-]{1,30}"),
                    "kolada[" + i + "].kpi",
                    "give the key figure's id in Kolada (letters, digits, '-' or '_')");
            require(
                    kpi.measure() != null,
                    "kolada[" + i + "].measure",
                    "RECEIVED, DECIDED, MEDIAN_LEAD_TIME_DAYS, MEAN_LEAD_TIME_DAYS or PERCENT_DECIDED_WITHIN_NORM");
        }
        checkForm(d.form());
        if (d.signing() != CaseTypeDefinition.Signing.NONE) {
            require(d.startedBy() != Starter.ANYONE, "signing", "only someone who logs in can sign: not with ANYONE");
        }
        if (d.coSigning() != null) {
            require(
                    d.signing() == CaseTypeDefinition.Signing.REQUIRED,
                    "coSigning",
                    "the applicant must sign too: set signing to REQUIRED");
            require(
                    d.field(d.coSigning().guardiansOf())
                            .filter(f -> f.type() == FieldType.PERSONAL_NUMBER && f.required() && f.showWhen() == null)
                            .isPresent(),
                    "coSigning.guardiansOf",
                    "name a required PERSONAL_NUMBER question, always asked, that gives the child");
            require(
                    d.coSigning().effectiveDays() >= 1 && d.coSigning().effectiveDays() <= 90,
                    "coSigning.days",
                    "must be 1-90");
        }
        if (d.childConfidentialFromAge() != null) {
            require(
                    d.childConfidentialFromAge() >= 12 && d.childConfidentialFromAge() <= 17,
                    "childConfidentialFromAge",
                    "must be an age from 12 to 17");
        }
        checkStatuses(d.statuses());
        checkResults(d.results());
        checkFees(d);
    }

    private static final Set<Integer> VAT_RATES = Set.of(0, 6, 12, 25);

    private static void checkFees(CaseTypeDefinition d) {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < d.fees().size(); i++) {
            Fee fee = d.fees().get(i);
            String at = "fees[" + i + "]";
            require(
                    fee.code() != null && fee.code().matches("[a-z0-9-]{1,40}"),
                    at + ".code",
                    "use lower-case letters, digits or '-'");
            require(codes.add(fee.code()), at + ".code", "'" + fee.code() + "' is used twice");
            require(fee.name() != null && !fee.name().sv().isBlank(), at + ".name", "a Swedish name (sv) is needed");
            require(fee.charged() != null, at + ".charged", "must be AT_SUBMISSION, AT_DECISION or MONTHLY");
            int ways = (fee.fixed() != null ? 1 : 0) + (fee.table() != null ? 1 : 0) + (fee.formula() != null ? 1 : 0);
            require(ways == 1, at, "give exactly one of fixed, table or formula");
            require(VAT_RATES.contains(fee.vat()), at + ".vat", "must be 0, 6, 12 or 25 (per cent)");
            require(
                    fee.account() != null && fee.account().matches("\\d{4}"),
                    at + ".account",
                    "name the four-digit revenue account it is booked to");
            for (int r = 0; r < fee.results().size(); r++) {
                require(
                        d.result(fee.results().get(r)).isPresent(),
                        at + ".results[" + r + "]",
                        "'" + fee.results().get(r) + "' is not a result of the case type");
            }
            if (fee.charged() == Fee.Charged.AT_SUBMISSION) {
                require(fee.results().isEmpty(), at + ".results", "a fee charged at submission has no result yet");
            }
            if (fee.charged() == Fee.Charged.MONTHLY) {
                require(
                        fee.months() == null || (fee.months() >= 1 && fee.months() <= 120),
                        at + ".months",
                        "must be 1-120, or left out to run until ended");
            } else {
                require(fee.months() == null, at + ".months", "only a MONTHLY fee runs for months");
            }
            if (fee.fixed() != null) {
                require(fee.fixed().signum() >= 0, at + ".fixed", "cannot be negative");
            }
            if (fee.table() != null) {
                checkTable(d, fee.table(), at + ".table");
            }
            if (fee.formula() != null) {
                checkFormula(d, fee.formula(), at + ".formula");
            }
            if (fee.charged() == Fee.Charged.AT_SUBMISSION) {
                // nobody can set the amount by hand when the application arrives: every answer it reads must be there
                var read = fee.table() != null
                        ? Set.of(fee.table().by())
                        : fee.formula() != null ? FeeAmounts.variables(fee.formula()) : Set.<String>of();
                for (String key : read) {
                    var field = d.field(key).orElseThrow();
                    require(
                            field.required() && field.showWhen() == null,
                            at,
                            "a fee charged at submission may only read questions that are always asked and required; "
                                    + key + " is not");
                }
            }
        }
    }

    private static void checkTable(CaseTypeDefinition d, Fee.Table table, String at) {
        var by = d.field(table.by());
        require(
                by.isPresent()
                        && (by.get().type() == FieldType.CHOICE || by.get().type() == FieldType.YES_NO),
                at + ".by",
                "'" + table.by() + "' is not a choice or yes/no question of the form");
        List<String> answers = by.get().type() == FieldType.YES_NO
                ? List.of("ja", "nej")
                : by.get().options().stream().map(FormField.Option::value).toList();
        for (String answer : answers) {
            require(table.rows().containsKey(answer), at + ".rows", "'" + answer + "' has no amount");
        }
        for (var row : table.rows().entrySet()) {
            require(answers.contains(row.getKey()), at + ".rows." + row.getKey(), "is not an answer of " + table.by());
            require(
                    row.getValue() != null && row.getValue().signum() >= 0,
                    at + ".rows." + row.getKey(),
                    "must be 0 or more");
        }
    }

    private static void checkFormula(CaseTypeDefinition d, String formula, String at) {
        // the evaluation context reaches no types, constructors or beans anyway; saying so here is kinder
        require(
                !formula.contains("T(") && !formula.contains("new ") && !formula.contains("@"),
                at,
                "may only compute with the answers: no types, constructors or beans");
        String problem = FeeAmounts.problemWith(formula);
        require(problem == null, at, "cannot be read: " + problem);
        for (String key : FeeAmounts.variables(formula)) {
            var field = d.field(key);
            require(
                    field.isPresent()
                            && Set.of(FieldType.NUMBER, FieldType.CHOICE, FieldType.YES_NO)
                                    .contains(field.get().type()),
                    at,
                    "#" + key + " is not a number, choice or yes/no question of the form");
        }
    }

    private static void checkForm(List<FormField> form) {
        require(!form.isEmpty(), "form", "needs at least one field");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < form.size(); i++) {
            FormField f = form.get(i);
            String at = "form[" + i + "]";
            require(
                    f.key() != null && f.key().matches("[a-zA-Z][a-zA-Z0-9_]{0,40}"),
                    at + ".key",
                    "use a letter, then letters, digits or '_'");
            require(seen.add(f.key()), at + ".key", "'" + f.key() + "' is used twice");
            require(f.type() != null, at + ".type", "is missing");
            require(f.label() != null && !f.label().sv().isBlank(), at + ".label", "a Swedish label (sv) is needed");
            if (f.type() == FieldType.CHOICE || f.type() == FieldType.MULTI_CHOICE) {
                require(!f.options().isEmpty(), at + ".options", "a choice needs options");
                Set<String> values = new HashSet<>();
                for (int o = 0; o < f.options().size(); o++) {
                    var option = f.options().get(o);
                    require(
                            option.value() != null && option.value().matches("[a-z0-9-]{1,40}"),
                            at + ".options[" + o + "].value",
                            "use lower-case letters, digits or '-'");
                    require(values.add(option.value()), at + ".options[" + o + "].value", "is used twice");
                    require(option.label() != null, at + ".options[" + o + "].label", "is missing");
                }
            }
            if (f.min() != null && f.max() != null) {
                require(f.min() <= f.max(), at + ".max", "is smaller than min");
            }
            if (f.showWhen() != null) {
                var condition = f.showWhen();
                var target = form.subList(0, i).stream()
                        .filter(g -> g.key().equals(condition.field()))
                        .findFirst();
                require(target.isPresent(), at + ".showWhen.field", "must name a field asked earlier");
                var t = target.get();
                if (t.type() == FieldType.CHOICE || t.type() == FieldType.MULTI_CHOICE) {
                    require(
                            t.options().stream().anyMatch(o -> o.value().equals(condition.equals())),
                            at + ".showWhen.equals",
                            "'" + condition.equals() + "' is not an option of " + t.key());
                } else if (t.type() == FieldType.YES_NO) {
                    require(
                            List.of("ja", "nej").contains(condition.equals()),
                            at + ".showWhen.equals",
                            "must be ja or nej");
                }
            }
            if (f.type() == FieldType.FILE) {
                require(f.effectiveMaxFiles() >= 1 && f.effectiveMaxFiles() <= 20, at + ".maxFiles", "must be 1-20");
                require(
                        f.maxSizeMb() == null || (f.maxSizeMb() >= 1 && f.maxSizeMb() <= 50),
                        at + ".maxSizeMb",
                        "must be 1-50");
                require(
                        !f.accept().isEmpty(),
                        at + ".accept",
                        "list the content types to accept, e.g. application/pdf");
            }
        }
    }

    private static void checkStatuses(List<Status> statuses) {
        require(statuses.size() >= 2, "statuses", "a lifecycle needs at least two statuses");
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < statuses.size(); i++) {
            Status s = statuses.get(i);
            require(
                    s.code() != null && s.code().matches("[a-z0-9-]{1,40}"),
                    "statuses[" + i + "].code",
                    "use lower-case letters, digits or '-'");
            require(codes.add(s.code()), "statuses[" + i + "].code", "'" + s.code() + "' is used twice");
            require(
                    s.staff() != null && s.resident() != null,
                    "statuses[" + i + "]",
                    "needs both a staff and a resident label");
        }
        require(!statuses.get(0).isFinal(), "statuses[0]", "the first status cannot be final");
        require(statuses.stream().anyMatch(Status::isFinal), "statuses", "at least one status must be final");
        for (int i = 0; i < statuses.size(); i++) {
            Status s = statuses.get(i);
            for (int n = 0; n < s.next().size(); n++) {
                require(
                        codes.contains(s.next().get(n)),
                        "statuses[" + i + "].next[" + n + "]",
                        "'" + s.next().get(n) + "' is not a status");
            }
            require(
                    s.isFinal() == s.next().isEmpty(),
                    "statuses[" + i + "].next",
                    s.isFinal() ? "a final status leads nowhere" : "a status that is not final must lead somewhere");
        }
    }

    private static void checkResults(List<Result> results) {
        require(!results.isEmpty(), "results", "list how a case can end");
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            String at = "results[" + i + "]";
            require(
                    r.code() != null && r.code().matches("[a-z0-9-]{1,40}"),
                    at + ".code",
                    "use lower-case letters, digits or '-'");
            require(codes.add(r.code()), at + ".code", "'" + r.code() + "' is used twice");
            require(r.name() != null, at + ".name", "is missing");
            require(
                    r.retentionReference() != null && !r.retentionReference().isBlank(),
                    at + ".retentionReference",
                    "name the retention schedule line behind it");
            if (!r.keep()) {
                require(
                        r.disposalPeriod() != null,
                        at + ".disposalPeriod",
                        "a disposed result needs a period, e.g. P2Y");
                try {
                    Period.parse(r.disposalPeriod());
                } catch (DateTimeParseException e) {
                    throw new Invalid(
                            at + ".disposalPeriod", "'" + r.disposalPeriod() + "' is not a period like P2Y or P6M");
                }
            }
        }
    }

    private static void require(boolean condition, String path, String message) {
        if (!condition) {
            throw new Invalid(path, message);
        }
    }
}
