package se.samla.opendata;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.rdf.model.Model;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.MultiValueMap;
import se.samla.reports.PublicMaps;
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.Tenants;

/** The DCAT-AP-SE catalogue of the current tenant's published datasets, and each dataset's query API. */
@Service
class DatasetQueries {

    static final int MAX_PAGE = 1000;

    /** What a query API request gets: a page of rows, or what was wrong with a parameter. */
    sealed interface Answer {}

    record Rows(long total, int page, int size, List<Map<String, Object>> rows) implements Answer {}

    record Invalid(String field, String reason) implements Answer {}

    private final PublishedDatasets datasets;
    private final Tenants tenants;
    private final PublicMaps maps;
    private final Clock clock;

    DatasetQueries(PublishedDatasets datasets, Tenants tenants, PublicMaps maps, Clock clock) {
        this.datasets = datasets;
        this.tenants = tenants;
        this.maps = maps;
        this.clock = clock;
    }

    /** The catalogue, its URLs under {@code base} (the scheme, host and context path the request came to). */
    @Transactional(readOnly = true)
    Model catalogue(String base) {
        var tenant = tenants.byId(CurrentTenant.require()).orElseThrow();
        var descriptions = datasets.published().stream().map(Dataset::describe).toList();
        var map = maps.of(null);
        return DcatCatalogue.build(
                base,
                tenant,
                tenant.contact().email(),
                tenant.contact().homepage(),
                new DcatCatalogue.Centre(map.latitude(), map.longitude()),
                descriptions,
                clock);
    }

    /**
     * A published dataset's rows, filtered by column (column=value), sorted (sortera=column or -column), in pages
     * (sida, per_sida up to {@value #MAX_PAGE}); empty when no published dataset has the id.
     */
    @Transactional(readOnly = true)
    Optional<Answer> query(String id, MultiValueMap<String, String> params) {
        return datasets.published(id).map(data -> query(data, params));
    }

    /** A published dataset's columns; empty when no published dataset has the id. */
    @Transactional(readOnly = true)
    Optional<List<String>> columns(String id) {
        return datasets.published(id).map(Dataset::columns);
    }

    private static Answer query(Dataset data, MultiValueMap<String, String> params) {
        Integer page = number(params.getFirst("sida"), 1);
        Integer size = number(params.getFirst("per_sida"), 100);
        if (page == null) {
            return new Invalid("sida", "a whole number from 1");
        }
        if (size == null) {
            return new Invalid("per_sida", "a whole number from 1 to " + MAX_PAGE);
        }
        if (size > MAX_PAGE) {
            return new Invalid("per_sida", "at most " + MAX_PAGE);
        }
        String sort = params.getFirst("sortera");
        String sortColumn = sort == null || sort.isBlank() ? null : sort.startsWith("-") ? sort.substring(1) : sort;
        if (sortColumn != null && !data.columns().contains(sortColumn)) {
            return new Invalid("sortera", "no column " + sortColumn + "; the columns are " + data.columns());
        }
        Map<String, String> filters = new LinkedHashMap<>();
        for (var e : params.entrySet()) {
            if (List.of("sida", "per_sida", "sortera").contains(e.getKey())) {
                continue;
            }
            if (!data.columns().contains(e.getKey())) {
                return new Invalid(e.getKey(), "no such column; the columns are " + data.columns());
            }
            filters.put(e.getKey(), e.getValue().get(0));
        }
        var query = new Dataset.Query(filters, sortColumn, sort != null && sort.startsWith("-"), page, size);
        if (sortColumn != null && query.skip() + size > data.sortWindow(query)) {
            return new Invalid(
                    "sida",
                    "sorted, only the first " + data.sortWindow(query)
                            + " matching rows can be paged; filter to narrow");
        }
        Dataset.Page found = data.query(query);
        return new Rows(found.total(), page, size, found.rows());
    }

    /** The number given, what applies when none is, or null when what is given is not a whole number from 1. */
    private static Integer number(String value, int otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value.strip());
            return n < 1 ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
