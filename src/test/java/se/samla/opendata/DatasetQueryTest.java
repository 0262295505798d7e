package se.samla.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The query API over a built-in dataset's stream: filters, numeric sorting with empty cells last, paging, totals. */
class DatasetQueryTest {

    /** A dataset of n rows: id 1..n, a number that repeats, an area, and an empty cell every fifth row. */
    private static Dataset rows(int n) {
        return new Dataset() {
            @Override
            public String id() {
                return "test";
            }

            @Override
            public Freshness freshness() {
                return new Freshness("1", Instant.EPOCH);
            }

            @Override
            public List<String> columns() {
                return List.of("id", "antal", "omrade");
            }

            @Override
            public void rows(Consumer<Map<String, Object>> each) {
                for (int i = 1; i <= n; i++) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", i);
                    row.put("antal", i % 5 == 0 ? null : (long) (i % 12));
                    row.put("omrade", i % 2 == 0 ? "Centrum" : "Vargön");
                    each.accept(row);
                }
            }

            @Override
            public DcatCatalogue.Description describe() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void csv(OutputStream out) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static List<Object> ids(Dataset.Page page) {
        return page.rows().stream().map(r -> r.get("id")).toList();
    }

    @Test
    void numbersSortAsNumbersWithEmptyCellsLastAndTiesInTheDatasetsOrder() {
        var page = rows(30).query(new Dataset.Query(Map.of(), "antal", true, 1, 4));
        assertThat(page.total()).isEqualTo(30);
        // 11 sorts above 2 (as text it would not); rows 11 and 23 tie, in their order
        assertThat(ids(page)).containsExactly(11, 23, 22, 9);
        var last = rows(30).query(new Dataset.Query(Map.of(), "antal", false, 7, 4));
        assertThat(last.rows()).extracting(r -> r.get("antal")).containsOnlyNulls();
    }

    @Test
    void pagesOfASortedQueryNeitherRepeatNorSkipRows() {
        List<Object> seen = new ArrayList<>();
        for (int page = 1; page <= 10; page++) {
            seen.addAll(ids(rows(95).query(new Dataset.Query(Map.of(), "omrade", false, page, 10))));
        }
        assertThat(seen).hasSize(95).doesNotHaveDuplicates();
    }

    @Test
    void filtersCountEveryMatchingRowAndPageUnsorted() {
        var page = rows(1000).query(new Dataset.Query(Map.of("omrade", "Centrum", "antal", "4"), null, false, 2, 5));
        // even ids with id % 12 == 4 and not a multiple of five: 4, 16, 28, 52, 64, 76, 88, 112, ...
        assertThat(page.total()).isEqualTo(67);
        assertThat(ids(page)).containsExactly(76, 88, 112, 124, 136);
    }
}
