package se.samla.guide;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import se.samla.identity.CurrentUser;
import se.samla.identity.SignedInUser;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;
import se.samla.shared.LocalizedText;

/**
 * The one search: the index of what the tenant offers (stemmed in Swedish and English, a typo forgiven by trigram
 * similarity), then each module's live sources.
 */
@Service
class SiteSearch {

    static final int PER_GROUP = 8;

    /** One indexed hit, in the reader's language. */
    record Entry(String name, String summary, String path, String provider) {

        boolean external() {
            return path.startsWith("https://");
        }
    }

    record Result(SearchQuery query, Map<GuideItem.Kind, List<Entry>> indexed, List<SearchSource.Found> live) {

        boolean empty() {
            return indexed.isEmpty() && live.isEmpty();
        }
    }

    /** What anyone searching the same words finds: the index and the public sources. */
    private record Public(Map<GuideItem.Kind, List<Entry>> indexed, List<SearchSource.Found> live) {}

    private final JdbcClient jdbc;
    private final TenantTransactions transactions;
    private final List<SearchSource> sources;
    // the words residents type repeat ("bygglov", "soptömning"): what anyone may see is kept for a few seconds, so a
    // popular search costs one page, not its queries (the index itself changes only every few minutes)
    private final Cache<String, Public> recent;

    SiteSearch(
            JdbcClient jdbc,
            TenantTransactions transactions,
            List<SearchSource> sources,
            @Value("${samla.guide.search-cache:PT30S}") Duration kept) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.sources = List.copyOf(sources);
        this.recent =
                Caffeine.newBuilder().expireAfterWrite(kept).maximumSize(10_000).build();
    }

    Result search(SearchQuery query) {
        if (query.isEmpty()) {
            return new Result(query, Map.of(), List.of());
        }
        String key = query.tenant() + "|" + query.locale().toLanguageTag() + "|"
                + query.text().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        Public found = recent.get(
                key,
                k -> transactions.read(query.tenant(), () -> {
                    List<SearchSource.Found> live = new ArrayList<>();
                    for (SearchSource source : sources) {
                        if (!source.personal()) {
                            source.search(query)
                                    .filter(f -> !f.hits().isEmpty())
                                    .ifPresent(live::add);
                        }
                    }
                    return new Public(indexed(query), List.copyOf(live));
                }));
        List<SearchSource.Found> live = new ArrayList<>(found.live());
        List<SearchSource> personal =
                sources.stream().filter(SearchSource::personal).toList();
        if (!personal.isEmpty()
                && CurrentUser.get()
                        .filter(SignedInUser.Resident.class::isInstance)
                        .isPresent()) {
            // not read-only: reading the person's own audits the reading
            transactions.run(
                    query.tenant(),
                    () -> personal.forEach(source -> source.search(query)
                            .filter(f -> !f.hits().isEmpty())
                            .ifPresent(live::add)));
        }
        live.sort(java.util.Comparator.comparing(SearchSource.Found::group));
        return new Result(query, found.indexed(), List.copyOf(live));
    }

    /**
     * What the index finds: by the words, stemmed, every word a prefix; only when that finds nothing, by trigram
     * similarity, which forgives a typo but weighs every row.
     */
    private Map<GuideItem.Kind, List<Entry>> indexed(SearchQuery query) {
        Map<GuideItem.Kind, List<Entry>> groups = indexed(query, """
                SELECT kind, name_sv, name_en, summary_sv, summary_en, path, provider
                FROM guide.search_document,
                     (SELECT to_tsquery('swedish', :tsquery) || to_tsquery('english', :tsquery) AS q) typed
                WHERE tenant_id = :tenant AND search @@ typed.q
                ORDER BY ts_rank(search, typed.q) DESC, name_sv
                LIMIT 100
                """, Map.of("tsquery", query.prefixQuery()));
        return !groups.isEmpty() ? groups : indexed(query, """
                SELECT kind, name_sv, name_en, summary_sv, summary_en, path, provider
                FROM guide.search_document
                WHERE tenant_id = :tenant AND :words <% words
                ORDER BY word_similarity(:words, words) DESC, name_sv
                LIMIT 100
                """, Map.of("words", query.words()));
    }

    private Map<GuideItem.Kind, List<Entry>> indexed(SearchQuery query, String sql, Map<String, Object> params) {
        Locale locale = query.locale();
        Map<GuideItem.Kind, List<Entry>> groups = new EnumMap<>(GuideItem.Kind.class);
        jdbc.sql(sql)
                .params(params)
                .param("tenant", CurrentTenant.require().value())
                .query((rs, n) -> {
                    var kind = GuideItem.Kind.valueOf(rs.getString("kind"));
                    var entries = groups.computeIfAbsent(kind, k -> new ArrayList<>());
                    if (entries.size() < PER_GROUP) {
                        entries.add(new Entry(
                                new LocalizedText(rs.getString("name_sv"), rs.getString("name_en")).in(locale),
                                new LocalizedText(rs.getString("summary_sv"), rs.getString("summary_en")).in(locale),
                                rs.getString("path"),
                                rs.getString("provider")));
                    }
                    return kind;
                })
                .list();
        return groups;
    }
}
