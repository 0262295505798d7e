package se.samla.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import se.samla.catalog.Catalog;
import se.samla.guide.SearchQuery;
import se.samla.guide.SearchSource;
import se.samla.identity.CurrentUser;
import se.samla.identity.Representation;
import se.samla.identity.SignedInUser;
import se.samla.shared.CurrentTenant;

/**
 * The logged-in resident's own cases in the one search (or, acting for someone, theirs that the right reaches), by
 * reference, case type and its synonyms, stemmed in Swedish as the rest of the search is. The reading is audited as
 * Mina sidor's is. A resident has a handful of cases, so their names are matched in one statement without an index.
 */
@Component
class MyCasesSearch implements SearchSource {

    private static final int SHOWN = 5;

    private final ResidentCases residents;
    private final Representation representation;
    private final Catalog catalog;
    private final JdbcClient jdbc;

    MyCasesSearch(ResidentCases residents, Representation representation, Catalog catalog, JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.residents = residents;
        this.representation = representation;
        this.catalog = catalog;
    }

    @Override
    public boolean personal() {
        return true;
    }

    @Override
    public Optional<Found> search(SearchQuery query) {
        if (!(CurrentUser.get().orElse(null) instanceof SignedInUser.Resident resident)
                || !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request)) {
            return Optional.empty();
        }
        var principal = representation.current(request.getRequest(), resident);
        var cases = residents.read(resident, principal, "PERSONAL_DATA_READ", Map.of("page", "sok"));
        List<StoredCase> named = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (StoredCase c : cases) {
            var type = catalog.version(CurrentTenant.require(), c.caseType(), c.caseTypeVersion())
                    .orElseThrow();
            named.add(c);
            names.add(String.join(
                    " ",
                    c.reference().replace('/', ' '),
                    type.definition().name().sv(),
                    String.join(" ", type.definition().keywords())));
        }
        List<Integer> matching = names.isEmpty()
                ? List.of()
                : jdbc.sql("""
                                SELECT n FROM unnest(CAST(:names AS text[])) WITH ORDINALITY AS named(text, n)
                                WHERE to_tsvector('swedish', text) @@ to_tsquery('swedish', :tsquery)
                                ORDER BY n
                                """)
                        .param("names", names.toArray(String[]::new))
                        .param("tsquery", query.prefixQuery())
                        .query(Integer.class)
                        .list();
        List<Hit> hits = new ArrayList<>();
        for (int n : matching) {
            StoredCase c = named.get(n - 1);
            var type = catalog.version(CurrentTenant.require(), c.caseType(), c.caseTypeVersion())
                    .orElseThrow();
            String status = type.definition()
                    .status(c.status())
                    .map(s -> s.resident().in(query.locale()))
                    .orElse(c.status());
            hits.add(new Hit(
                    type.definition().name().in(query.locale()),
                    c.reference() + " · " + status,
                    "/mina-sidor/arenden/" + c.id()));
        }
        return Optional.of(new Found(
                Group.MY_CASES, hits.stream().limit(SHOWN).toList(), hits.size() > SHOWN ? "/mina-sidor" : null));
    }
}
