package se.samla.records;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import se.samla.guide.SearchQuery;
import se.samla.guide.SearchSource;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/**
 * The public register's part of the one search: a case by its reference as typed, and the newest cases whose public
 * title matches the words, each opening the register at its documents. Like the register's own search it reaches
 * the public fields only. The public titles are the case types' names, few over many cases: they are matched in
 * records.register_title (stemmed, every word a prefix), and each matching title's newest cases come from an index
 * in date order. No typo is forgiven here; the indexed part of the search forgives it in the e-service's name.
 */
@Component
class RegisterSearch implements SearchSource {

    private static final int SHOWN = 5;

    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final Clock clock;

    RegisterSearch(JdbcClient jdbc, MessageSource messages, Clock clock) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.clock = clock;
    }

    private record CaseFile(String reference, String title, LocalDate opened) {}

    @Override
    public Optional<Found> search(SearchQuery query) {
        List<CaseFile> found = new ArrayList<>();
        // a reference as registered is upper case, its parts separated by single spaces (SBF 2026/000123)
        String reference = query.text().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        jdbc.sql(
                        "SELECT reference, public_title, opened_on FROM records.case_file WHERE tenant_id = :tenant AND reference = :reference")
                .param("tenant", CurrentTenant.require().value())
                .param("reference", reference)
                .query(this::caseFile)
                .list()
                .forEach(found::add);
        if (found.isEmpty()) {
            found.addAll(jdbc.sql("""
                            SELECT f.reference, f.public_title, f.opened_on
                            FROM records.register_title t
                            CROSS JOIN LATERAL (
                                SELECT reference, public_title, opened_on FROM records.case_file c
                                WHERE c.tenant_id = :tenant AND c.public_title = t.title
                                ORDER BY c.opened_on DESC, c.reference DESC
                                LIMIT :limit) f
                            WHERE t.tenant_id = :tenant AND t.search @@ to_tsquery('swedish', :tsquery)
                            ORDER BY f.opened_on DESC, f.reference DESC
                            LIMIT :limit
                            """)
                    .param("tenant", CurrentTenant.require().value())
                    .param("tsquery", query.prefixQuery())
                    .param("limit", SHOWN)
                    .query(this::caseFile)
                    .list());
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        // the register's own page searches titles and references over a period: from the oldest shown, or a year
        LocalDate yearAgo = LocalDate.now(clock.withZone(SwedishTime.ZONE)).minusYears(1);
        LocalDate from =
                found.stream().map(CaseFile::opened).min(LocalDate::compareTo).orElse(yearAgo);
        String more = found.size() == 1 && found.get(0).reference().equals(reference)
                ? null
                : "/diarium?q=" + encode(found.get(0).title()) + "&fran=" + (from.isBefore(yearAgo) ? from : yearAgo);
        return Optional.of(new Found(
                Group.REGISTER,
                found.stream()
                        .map(f -> new Hit(
                                f.title(),
                                messages.getMessage(
                                        "records.search.hit",
                                        new Object[] {f.reference(), f.opened().toString()},
                                        query.locale()),
                                "/diarium?q=" + encode(f.reference()) + "&fran=" + f.opened()))
                        .toList(),
                more));
    }

    private CaseFile caseFile(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new CaseFile(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
