package se.samla.opendata;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import se.samla.identity.CurrentUser;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import se.samla.opendata.view.OpenDataView;
import se.samla.platform.TenantTransactions;
import se.samla.reports.PublicMaps;
import se.samla.shared.CurrentTenant;

/** The public open data page: every dataset, a preview of its first rows, a map where it has places, and downloads. */
@Controller
class OpenDataController {

    static final int PREVIEW_ROWS = 10;

    /** Ends a dataset's stream once the preview has its rows. */
    private static final class Enough extends RuntimeException {
        Enough() {
            super(null, null, false, false);
        }
    }

    private final PublishedDatasets datasets;
    private final TenantTransactions transactions;
    private final PublicMaps maps;

    OpenDataController(PublishedDatasets datasets, TenantTransactions transactions, PublicMaps maps) {
        this.datasets = datasets;
        this.transactions = transactions;
        this.maps = maps;
    }

    /** Administrators choose which datasets are published. */
    @GetMapping("/admin/oppna-data")
    String settings(Model model) {
        Set<String> off = datasets.switchedOff();
        model.addAttribute("datasets", datasets.all().stream().map(d -> new OpenDataView.Setting(d.id(),
                transactions.read(CurrentTenant.require(), d::describe).title(), !off.contains(d.id()))).toList());
        return "opendata/settings";
    }

    @PostMapping("/admin/oppna-data")
    String change(@RequestParam(name = "published", required = false) List<String> published) {
        var admin = CurrentUser.staff().orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        datasets.publishOnly(published == null ? Set.of() : Set.copyOf(published), admin.auditId());
        return "redirect:/admin/oppna-data";
    }

    @GetMapping("/oppna-data")
    String page(Model model, HttpServletResponse response) {
        List<OpenDataView.Item> items = new ArrayList<>();
        for (Dataset d : datasets.published()) {
            var description = transactions.read(CurrentTenant.require(), d::describe);
            List<List<String>> preview = new ArrayList<>();
            try {
                transactions.read(CurrentTenant.require(), () -> {
                    d.rows(row -> {
                        preview.add(row.values().stream().map(v -> v == null ? "" : String.valueOf(v)).toList());
                        if (preview.size() >= PREVIEW_ROWS) {
                            throw new Enough();
                        }
                    });
                    return null;
                });
            } catch (Enough enough) {
                // the preview is full
            }
            items.add(new OpenDataView.Item(d.id(), description.title(), description.description(), description.keywords(),
                    d.located() ? List.of("csv", "json", "geojson") : List.of("csv", "json"), d.columns(), preview,
                    d.located() ? maps.of("/datasets/" + d.id() + ".geojson") : null));
        }
        maps.allowTiles(response);
        model.addAttribute("open", new OpenDataView(items));
        return "opendata/open-data";
    }
}
