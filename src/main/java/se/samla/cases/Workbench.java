package se.samla.cases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;
import tools.jackson.databind.json.JsonMapper;

/** The staff's queues: what they may see, filtered, searched and paged. */
@Service
class Workbench {

    enum Queue {
        ALL,
        NEW,
        MINE,
        WAITING,
        OVERDUE
    }

    /**
     * @param query words to find in reference, names and answers (Swedish full-text search)
     */
    record Filter(
            Queue queue,
            List<String> units,
            List<String> levels,
            UUID me,
            String caseType,
            String status,
            LocalDate from,
            LocalDate to,
            String query,
            int page,
            List<String> allowedCaseTypes,
            int pageSize,
            int countLimit) {

        Filter(
                Queue queue,
                List<String> units,
                List<String> levels,
                UUID me,
                String caseType,
                String status,
                LocalDate from,
                LocalDate to,
                String query,
                int page,
                List<String> allowedCaseTypes,
                int pageSize) {
            this(
                    queue,
                    units,
                    levels,
                    me,
                    caseType,
                    status,
                    from,
                    to,
                    query,
                    page,
                    allowedCaseTypes,
                    pageSize,
                    COUNT_LIMIT);
        }

        Filter(
                Queue queue,
                List<String> units,
                List<String> levels,
                UUID me,
                String caseType,
                String status,
                LocalDate from,
                LocalDate to,
                String query,
                int page) {
            this(queue, units, levels, me, caseType, status, from, to, query, page, null, PAGE_SIZE);
        }
    }

    /**
     * @param total the number of matching cases, counted up to the filter's count limit ({@link #COUNT_LIMIT} unless
     *     it says otherwise)
     * @param totalIsAtLeast whether there are more than that: the page then says "more than"
     */
    record Page(List<StoredCase> cases, long total, int page, int pageSize, boolean totalIsAtLeast) {}

    static final int PAGE_SIZE = 25;
    /** Counting every match of a broad queue costs more than it tells; beyond this many the page says "more than". */
    static final int COUNT_LIMIT = 10_000;

    /**
     * A count this large is kept for a few seconds: counting thousands of rows for every look at a busy queue costs
     * more than a few seconds' change tells. A smaller count is always counted anew, so a queue of a handful shows
     * each case as it comes and goes.
     */
    static final long LARGE_COUNT = 1_000;

    static final java.time.Duration LARGE_COUNT_KEPT = java.time.Duration.ofSeconds(5);

    /**
     * What a count was of: the municipality (and federation) whose rows PostgreSQL showed, and the filter without what
     * does not change the count (the page, and who "me" is outside the queue of mine).
     */
    private record CountAsked(se.samla.shared.TenantId tenant, se.samla.shared.FederationId federation, Filter filter) {

        static CountAsked of(Filter f) {
            return new CountAsked(
                    se.samla.shared.CurrentTenant.require(),
                    se.samla.shared.CurrentFederation.get().orElse(null),
                    new Filter(
                            f.queue(),
                            List.copyOf(f.units()),
                            List.copyOf(f.levels()),
                            f.queue() == Queue.MINE ? f.me() : null,
                            f.caseType(),
                            f.status(),
                            f.from(),
                            f.to(),
                            f.query(),
                            0,
                            f.allowedCaseTypes() == null ? null : List.copyOf(f.allowedCaseTypes()),
                            0,
                            f.countLimit()));
        }
    }

    private final com.github.benmanes.caffeine.cache.Cache<CountAsked, Long> largeCounts =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .expireAfterWrite(LARGE_COUNT_KEPT)
                    .maximumSize(10_000)
                    .build();

    private final JdbcClient jdbc;
    private final JsonMapper jsonMapper;

    Workbench(JdbcClient jdbc, JsonMapper jsonMapper) {
        this.jdbc = jdbc;
        this.jsonMapper = jsonMapper;
    }

    @Transactional(readOnly = true)
    Page find(Filter f) {
        if (f.units().isEmpty()
                || f.levels().isEmpty()
                || (f.allowedCaseTypes() != null && f.allowedCaseTypes().isEmpty())) {
            return new Page(List.of(), 0, f.page(), f.pageSize(), false);
        }
        List<String> where =
                new ArrayList<>(List.of("tenant_id = :tenant", "unit IN (:units)", "confidentiality IN (:levels)"));
        switch (f.queue()) {
            case NEW -> where.add("assigned_to IS NULL AND closed_at IS NULL");
            case MINE -> where.add("assigned_to = :me AND closed_at IS NULL");
            case WAITING -> where.add("waiting_for_resident AND closed_at IS NULL");
            case OVERDUE -> where.add("closed_at IS NULL AND planned_decision_on < current_date");
            case ALL -> {}
        }
        if (f.caseType() != null) {
            where.add("case_type = :type");
        }
        if (f.allowedCaseTypes() != null) {
            where.add("case_type IN (:allowedTypes)");
        }
        if (f.status() != null) {
            where.add("status = :status");
        }
        if (f.from() != null) {
            where.add("submitted_at >= :from");
        }
        if (f.to() != null) {
            where.add("submitted_at < :to");
        }
        String matches = null;
        if (f.query() != null) {
            List<UUID> found = matching(f);
            if (found.isEmpty()) {
                return new Page(List.of(), 0, f.page(), f.pageSize(), false);
            }
            if (where.size() == 3) {
                // no filter but the units and levels, which the search kept to: its answer is the page
                return page(found, f);
            }
            where.add("id = ANY (CAST(string_to_array(:matches, ',') AS uuid[]))");
            matches = String.join(",", found.stream().map(UUID::toString).toList());
        }
        String condition = String.join(" AND ", where);
        CountAsked asked = matches == null ? CountAsked.of(f) : null;
        Long kept = asked == null ? null : largeCounts.getIfPresent(asked);
        long total;
        if (kept != null) {
            total = kept;
        } else {
            var count = bind(
                    jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM cases.\"case\" WHERE " + condition + " LIMIT "
                            + (f.countLimit() + 1) + ") matching"),
                    f,
                    matches);
            total = count.query(Long.class).single();
            if (asked != null && total >= LARGE_COUNT) {
                largeCounts.put(asked, total);
            }
        }
        var rows = bind(
                        jdbc.sql("SELECT * FROM cases.\"case\" WHERE " + condition
                                + " ORDER BY submitted_at DESC, id LIMIT :limit OFFSET :offset"),
                        f,
                        matches)
                .param("limit", f.pageSize())
                .param("offset", Math.max(0, f.page()) * f.pageSize());
        return new Page(
                rows.query(StoredCase.rows(jsonMapper)).list(), total, f.page(), f.pageSize(), total > f.countLimit());
    }

    /**
     * Matches from the search index, which keeps to the units and levels by itself (the index cannot be
     * used on the case table under row-level security), newest first, one more than is counted.
     */
    private List<UUID> matching(Filter f) {
        return jdbc.sql("""
                SELECT cases.matching_cases(:t, :q, string_to_array(:units, ','), string_to_array(:levels, ','), :max)
                """)
                .param("t", CurrentTenant.require().value())
                .param("q", f.query())
                .param("units", String.join(",", f.units()))
                .param("levels", String.join(",", f.levels()))
                // enough for the count, and never fewer than the rows of the page asked
                .param(
                        "max",
                        Math.max(
                                f.countLimit() + 1,
                                (Math.min(Math.max(0, f.page()), COUNT_LIMIT / f.pageSize()) + 1) * f.pageSize()))
                .query(UUID.class)
                .list();
    }

    /** One page of search matches, in the order the search gave them. */
    private Page page(List<UUID> found, Filter f) {
        int from = Math.min(found.size(), Math.max(0, f.page()) * f.pageSize());
        List<UUID> ids = found.subList(from, Math.min(found.size(), from + f.pageSize()));
        List<StoredCase> rows = ids.isEmpty()
                ? List.of()
                : jdbc
                        .sql(
                                "SELECT * FROM cases.\"case\" WHERE tenant_id = :tenant AND id = ANY (CAST(string_to_array(:ids, ',') AS uuid[]))")
                        .param("tenant", CurrentTenant.require().value())
                        .param(
                                "ids",
                                String.join(
                                        ",", ids.stream().map(UUID::toString).toList()))
                        .query(StoredCase.rows(jsonMapper))
                        .list()
                        .stream()
                        .sorted(java.util.Comparator.comparingInt(c -> ids.indexOf(c.id())))
                        .toList();
        return new Page(rows, found.size(), f.page(), f.pageSize(), found.size() > f.countLimit());
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Filter f, String matches) {
        if (matches != null) {
            spec = spec.param("matches", matches);
        }
        spec = spec.param("tenant", CurrentTenant.require().value())
                .param("units", f.units())
                .param("levels", f.levels());
        if (f.queue() == Queue.MINE) {
            spec = spec.param("me", f.me());
        }
        if (f.caseType() != null) {
            spec = spec.param("type", f.caseType());
        }
        if (f.allowedCaseTypes() != null) {
            spec = spec.param("allowedTypes", f.allowedCaseTypes());
        }
        if (f.status() != null) {
            spec = spec.param("status", f.status());
        }
        if (f.from() != null) {
            spec = spec.param("from", f.from().atStartOfDay(SwedishTime.ZONE).toOffsetDateTime());
        }
        if (f.to() != null) {
            spec = spec.param(
                    "to", f.to().plusDays(1).atStartOfDay(SwedishTime.ZONE).toOffsetDateTime());
        }
        return spec;
    }
}
