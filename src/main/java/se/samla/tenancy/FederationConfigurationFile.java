package se.samla.tenancy;

import java.util.List;
import se.samla.shared.LocalizedText;

/** The shape of config/federations/{slug}/federation.yml. */
record FederationConfigurationFile(
        String slug, String name, String organisationNumber, List<String> members, List<UnitEntry> units) {

    record UnitEntry(String code, LocalizedText name, List<String> serves, List<UnitEntry> sections) {}
}
