package se.samla.cases;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Case API request bodies the tests send: one valid case of each kind they need. */
public final class CaseApiBodies {

    private CaseApiBodies() {}

    /** A heat pump notification (anmälan om värmepump) with every required answer and a site plan. */
    public static Map<String, Object> heatPump(UUID submission) {
        return Map.of(
                "caseType",
                "anmalan-varmepump",
                "submissionId",
                submission.toString(),
                "applicant",
                Map.of("personalIdentityNumber", "19900602-2397", "name", "Erik Provare"),
                "answers",
                Map.of(
                        "property",
                        "Vänersborg Onsjö 1:7",
                        "address",
                        Map.of("street", "Onsjövägen 3", "postalCode", "46291", "city", "Vänersborg"),
                        "source",
                        "jord",
                        "installer",
                        "Värme & Vatten AB",
                        "installerOrganisationNumber",
                        "212000-1439",
                        "start",
                        java.time.LocalDate.now().plusDays(30).toString(),
                        "sitePlan",
                        List.of(Map.of(
                                "filename",
                                "situationsplan.pdf",
                                "contentBase64",
                                Base64.getEncoder()
                                        .encodeToString("%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.UTF_8))))));
    }
}
