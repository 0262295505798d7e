package se.samla.cases.view;

import java.util.List;

/** The e-service catalogue: services grouped by life event or subject, possibly filtered by a search. */
public record CatalogueView(String query, List<Group> groups, int count) {

    public record Group(String name, List<Service> services) {}

    public record Service(String code, String name, String description, boolean needsLogin) {}
}
