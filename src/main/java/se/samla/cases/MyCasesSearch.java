package se.samla.cases;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * reference, or by the words of their kind's name and synonyms, stemmed in Swedish as the rest of the search is.
 * The kinds the words name are found first: words that name none, and are no reference, read nothing of the person.
 * A reading is audited as Mina sidor's is.
 */
@Component
class MyCasesSearch implements SearchSource {

    private static final int SHOWN = 5;
    /** A reference as registered: a series, the year and the number (SBF 2026/000123). */
    private static final java.util.regex.Pattern REFERENCE =
            java.util.regex.Pattern.compile("[\\p{L}\\p{N}-]+ \\d{4}/\\d+");

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
        // first the kinds of case the words name, and whether they are a reference: nothing personal is read (nor
        // audited) for words that could match none of the person's cases
        var types = catalog.current(CurrentTenant.require());
        List<String> typeNames = types.stream()
                .map(t -> t.definition().name().sv() + " "
                        + String.join(" ", t.definition().keywords()))
                .toList();
        Set<String> namedTypes = new HashSet<>();
        jdbc.sql("""
                        SELECT n FROM unnest(CAST(:names AS text[])) WITH ORDINALITY AS named(text, n)
                        WHERE to_tsvector('swedish', text) @@ to_tsquery('swedish', :tsquery)
                        """)
                .param("names", typeNames.toArray(String[]::new))
                .param("tsquery", query.prefixQuery())
                .query(Integer.class)
                .list()
                .forEach(n -> namedTypes.add(types.get(n - 1).code()));
        String reference = query.text().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        boolean looksLikeReference = REFERENCE.matcher(reference).matches();
        if (namedTypes.isEmpty() && !looksLikeReference) {
            return Optional.empty();
        }
        var principal = representation.current(request.getRequest(), resident);
        List<StoredCase> matching =
                residents.read(resident, principal, "PERSONAL_DATA_READ", Map.of("page", "sok")).stream()
                        .filter(c -> namedTypes.contains(c.caseType())
                                || c.reference().equals(reference))
                        .toList();
        List<Hit> hits = new ArrayList<>();
        for (StoredCase c : matching) {
            var type = catalog.version(CurrentTenant.require(), c.caseType(), c.caseTypeVersion())
                    .orElseThrow();
            String status = type.definition()
                    .status(c.status())
                    .map(st -> st.resident().in(query.locale()))
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
