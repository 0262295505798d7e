package se.samla.cases.view;

import java.util.List;

/** The e-service catalogue: services grouped by life event or subject, possibly filtered by a search. */
public record CatalogueView(
        String query, List<Group> groups, int count, String address, String addressNote, String otherMunicipality) {

    public record Group(String name, List<Service> services) {}

    /**
     * @param href where it starts: a path of this municipality's (from the tenant's root), or another's address
     */
    public record Service(String code, String name, String description, boolean needsLogin, String href) {}
}
