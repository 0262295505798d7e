package se.samla.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;
import se.samla.shared.LocalizedText;

/**
 * What a kind of case is, as written in config/tenants/{slug}/case-types/{code}.yml.
 *
 * @param category         what the e-service catalogue groups it under (a life event or subject)
 * @param unit             the code of the unit that owns its cases
 * @param startedBy        who may start it
 * @param assuranceLevel   the e-ID assurance level (tillitsnivå) a logged-in starter needs, 2-4
 * @param serviceNormDays  the promised time to a decision (handläggningstid)
 * @param leadTimeDays     the legal longest time
 * @param keywords         extra words the catalogue search finds it by
 * @param registered       whether the documents of its cases are registered (diarieförs); secret ones must be
 * @param classification   its information classification by KLASSA
 * @param signing          whether the applicant signs the application with their e-ID: NONE (default), OPTIONAL or
 *                         REQUIRED
 * @param coSigning        others who must sign the application too, or null
 * @param childConfidentialFromAge from this age a child's own cases of this type are not shown to the guardians who
 *                         act for the child (the child's confidentiality prevails, OSL 12 kap. 3 §); null: always shown
 * @param transfer         whether and how a case of this type may be handed over to another municipality; null: it
 *                         may not
 * @param kolada           the municipality's key figures (nyckeltal) in Kolada that this case type's cases give
 * @param fees             what its cases are charged, by the municipality's taxa
 * @param plainLanguage    what the e-service is for, in plain language (lättläst): short sentences and everyday
 *                         words, shown first on its page; every e-service has one in Swedish and English
 */
public record CaseTypeDefinition(
        String code,
        LocalizedText name,
        LocalizedText description,
        String category,
        String unit,
        Starter startedBy,
        Integer assuranceLevel,
        Confidentiality confidentiality,
        int serviceNormDays,
        int leadTimeDays,
        List<FormField> form,
        List<Status> statuses,
        List<Result> results,
        List<String> keywords,
        Report report,
        Boolean registered,
        Classification classification,
        Signing signing,
        CoSigning coSigning,
        Integer childConfidentialFromAge,
        Transfer transfer,
        List<Kpi> kolada,
        List<Fee> fees,
        LocalizedText plainLanguage) {

    public CaseTypeDefinition {
        signing = signing == null ? Signing.NONE : signing;
        form = form == null ? List.of() : List.copyOf(form);
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
        results = results == null ? List.of() : List.copyOf(results);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        kolada = kolada == null ? List.of() : List.copyOf(kolada);
        fees = fees == null ? List.of() : List.copyOf(fees);
    }

    /**
     * A key figure in Kolada (the municipalities' and regions' database) that the case type's cases give, per year.
     *
     * @param kpi     the key figure's id in Kolada
     * @param measure what of the year's cases it is
     */
    public record Kpi(String kpi, Measure measure) {

        public enum Measure {
            /** Cases received in the year. */
            RECEIVED,
            /** Cases decided in the year. */
            DECIDED,
            /** The median days from submission to decision of the year's decisions. */
            MEDIAN_LEAD_TIME_DAYS,
            /** The mean days from submission to decision of the year's decisions. */
            MEAN_LEAD_TIME_DAYS,
            /** The per cent of the year's decisions made within the service norm. */
            PERCENT_DECIDED_WITHIN_NORM
        }
    }

    /**
     * Marks a case type as a category of problem reports (felanmälan) in public space.
     *
     * @param routes which unit owns a report, by the area it lies in; the first matching area wins, and a
     *               report outside every listed area belongs to the case type's own unit
     * @param icon   a short name of the symbol the report map shows
     * @param sensorCleared what becomes of a case a sensor opened when the sensor's rule clears; by default it only
     *                      says so in the case's history
     */
    public record Report(List<Route> routes, String icon, SensorCleared sensorCleared) {

        public Report {
            routes = routes == null ? List.of() : List.copyOf(routes);
        }

        /** Reports in the area {@code area} belong to the unit {@code unit}. */
        public record Route(String area, String unit) {}

        /**
         * Exactly one of: the (not final) status the case moves to for staff to confirm, such as "back to normal", or
         * the result it closes with by itself, for what needs no one's eyes (a bin that was emptied).
         */
        public record SensorCleared(String status, String result) {}
    }

    /**
     * The information classification of the case type's information (KLASSA, SKR): each aspect from 0
     * (no or negligible harm) to 4 (extremely serious).
     */
    public record Classification(Integer confidentiality, Integer integrity, Integer availability) {}

    /** Whether the applicant signs the application with their e-ID when sending it. */
    public enum Signing {
        NONE,
        /** The applicant may sign, or send it unsigned. */
        OPTIONAL,
        /** The application is sent only signed. */
        REQUIRED
    }

    /**
     * Every guardian of the child the application concerns must sign it (vårdnadshavare), not only the one who sends
     * it.
     *
     * @param guardiansOf the key of the form's personal identity number question that names the child
     * @param days        how long the other guardians have to sign, counted from when the application was sent
     */
    public record CoSigning(String guardiansOf, Integer days) {

        public int effectiveDays() {
            return days == null ? 14 : days;
        }
    }

    /**
     * A case of this type may be handed over (överlämnas) to another municipality that has the same case type: the
     * receiver takes it up under its own reference, and the sender closes it.
     *
     * @param result           what the sending municipality closes its case with (its retention follows)
     * @param secrecyProvision for a confidential case type, the provision under which secrecy follows the case to the
     *                         receiving authority; recorded with every handover
     */
    public record Transfer(String result, String secrecyProvision) {}

    public boolean isRegistered() {
        return Boolean.TRUE.equals(registered);
    }

    public boolean isReportCategory() {
        return report != null;
    }

    public enum Starter {
        /** Anyone, without logging in (the case may then be anonymous). */
        ANYONE,
        /** A resident logged in with e-ID. */
        RESIDENT,
        /** A resident logged in with e-ID, acting for an organisation. */
        BUSINESS
    }

    /** The case type's default level, and for confidential levels the OSL provision behind it. */
    public record Confidentiality(se.samla.shared.Confidentiality level, String provision) {}

    /**
     * A step of the lifecycle. The first status is where a submitted case starts.
     *
     * @param staff    what staff read
     * @param resident what the resident reads on Mina sidor
     * @param next     the statuses a case may move to from here
     * @param waitingForResident whether the case then waits for the resident (a completion request)
     */
    public record Status(
            String code,
            LocalizedText staff,
            LocalizedText resident,
            List<String> next,
            @JsonProperty("final") boolean isFinal,
            boolean waitingForResident) {

        public Status {
            next = next == null ? List.of() : List.copyOf(next);
        }
    }

    /**
     * How a case can end, and what then happens to its information.
     *
     * @param keep            keep (bevaras) or dispose of (gallras) the case's information
     * @param disposalPeriod  after how long, as an ISO-8601 period (P2Y); absent when kept
     * @param retentionReference the line of the retention schedule behind it
     */
    public record Result(
            String code, LocalizedText name, boolean keep, String disposalPeriod, String retentionReference) {}

    public Optional<FormField> field(String key) {
        return form.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    public Optional<Status> status(String code) {
        return statuses.stream().filter(s -> s.code().equals(code)).findFirst();
    }

    public Optional<Result> result(String code) {
        return results.stream().filter(r -> r.code().equals(code)).findFirst();
    }

    public Status initialStatus() {
        return statuses.get(0);
    }

    public boolean allowsTransition(String from, String to) {
        return status(from).map(s -> s.next().contains(to)).orElse(false);
    }
}
