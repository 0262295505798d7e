package se.samla.reports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import se.samla.catalog.CaseTypeDefinition;
import se.samla.catalog.Catalog;
import se.samla.shared.TenantId;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;
import tools.jackson.databind.json.JsonMapper;

/** Each tenant's areas, read at start from config/tenants/{slug}/areas.geojson. */
@Service
public class Areas {

    private final Map<TenantId, AreaMap> maps = new HashMap<>();

    Areas(Tenants tenants, Catalog catalog, JsonMapper jsonMapper) {
        for (Tenant tenant : tenants.all()) {
            AreaMap map =
                    AreaMap.read(tenants.configurationDirectory(tenant.id()).resolve("areas.geojson"), jsonMapper);
            maps.put(tenant.id(), map);
            // a report category may only route by areas the tenant has drawn
            for (var type : catalog.current(tenant.id())) {
                if (!type.definition().isReportCategory()) {
                    continue;
                }
                for (var route : type.definition().report().routes()) {
                    if (map.all().stream().noneMatch(a -> a.code().equals(route.area()))) {
                        throw new IllegalStateException("Invalid case type " + type.code() + " of " + tenant.slug()
                                + ": field 'report.routes' names the area '" + route.area() + "', which "
                                + tenants.configurationDirectory(tenant.id()).resolve("areas.geojson")
                                + " does not have");
                    }
                }
            }
        }
    }

    /** The unit that owns a report of the category at the position: by the first route whose area holds it. */
    public String owningUnit(TenantId tenant, CaseTypeDefinition category, Position position) {
        var area = at(tenant, position).map(Area::code).orElse(null);
        return category.report().routes().stream()
                .filter(r -> r.area().equals(area))
                .map(CaseTypeDefinition.Report.Route::unit)
                .findFirst()
                .orElse(category.unit());
    }

    /** The area of the tenant that holds the position, if any. */
    public Optional<Area> at(TenantId tenant, Position position) {
        return maps.getOrDefault(tenant, AreaMap.empty()).at(position);
    }

    public List<Area> all(TenantId tenant) {
        return maps.getOrDefault(tenant, AreaMap.empty()).all();
    }
}
