package se.samla.records;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import se.samla.guide.SearchQuery;
import se.samla.guide.SearchSource;

/**
 * The public register's part of the one search: registered cases by their public title and reference, newest
 * first, each opening the register at its documents. Like the register's own search it reaches the public fields
 * only. No typo is forgiven here: the public titles are few (mostly the case types' names) over many cases, so a
 * similarity search would weigh every case; the indexed part of the search forgives the typo in the name.
 */
@Component
class RegisterSearch implements SearchSource {

    private static final int SHOWN = 5;

    private final JdbcClient jdbc;
    private final MessageSource messages;

    RegisterSearch(JdbcClient jdbc, MessageSource messages) {
        this.jdbc = jdbc;
        this.messages = messages;
    }

    private record CaseFile(String reference, String title, LocalDate opened) {}

    @Override
    public Optional<Found> search(SearchQuery query) {
        List<CaseFile> found = jdbc.sql("""
                        SELECT reference, public_title, opened_on FROM records.case_file
                        WHERE search @@ to_tsquery('swedish', :tsquery)
                        ORDER BY opened_on DESC, reference DESC
                        LIMIT :limit
                        """)
                .param("tsquery", query.prefixQuery())
                .param("limit", SHOWN)
                .query((rs, n) -> new CaseFile(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class)))
                .list();
        return Optional.of(new Found(
                Group.REGISTER,
                found.stream()
                        .map(f -> new Hit(
                                f.title(),
                                messages.getMessage(
                                        "records.search.hit",
                                        new Object[] {f.reference(), f.opened().toString()},
                                        query.locale()),
                                "/diarium?q=" + URLEncoder.encode(f.reference(), StandardCharsets.UTF_8) + "&fran="
                                        + f.opened()))
                        .toList(),
                "/diarium?q=" + URLEncoder.encode(query.text(), StandardCharsets.UTF_8)));
    }
}
