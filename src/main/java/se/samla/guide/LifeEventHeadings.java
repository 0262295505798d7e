package se.samla.guide;

import java.util.List;
import se.samla.shared.LocalizedText;
import se.samla.shared.TenantId;

/** The tenant's life events as headings, for a list that groups e-services by them (the e-service catalogue). */
public interface LifeEventHeadings {

    /**
     * One life event with the case types it gathers.
     *
     * @param caseTypes the codes of its e-services and problem-report categories, in its order
     */
    record Heading(String code, LocalizedText name, List<String> caseTypes) {}

    /** In the order the tenant's life-events file gives them. */
    List<Heading> headings(TenantId tenant);
}
