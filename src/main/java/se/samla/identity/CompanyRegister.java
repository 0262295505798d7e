package se.samla.identity;

import java.util.List;

/**
 * Who signs for an organisation (firmatecknare), as Bolagsverket's register says; {@link LocalCompanyRegister}
 * stands in for it.
 */
public interface CompanyRegister {

    /** An organisation and its name. */
    record Organisation(String organisationNumber, String name) {}

    /** The organisations the person signs for, alone. */
    List<Organisation> signsFor(String personalIdentityNumber);
}
