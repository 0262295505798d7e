package se.samla.reports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import se.samla.shared.TenantId;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/** Each tenant's areas, read at start from config/tenants/{slug}/areas.geojson. */
@Service
public class Areas {

    private final Map<TenantId, AreaMap> maps = new HashMap<>();

    Areas(Tenants tenants) {
        for (Tenant tenant : tenants.all()) {
            maps.put(tenant.id(), AreaMap.read(tenants.configurationDirectory(tenant.id()).resolve("areas.geojson")));
        }
    }

    /** The area of the tenant that holds the position, if any. */
    public Optional<Area> at(TenantId tenant, Position position) {
        return maps.getOrDefault(tenant, AreaMap.empty()).at(position);
    }

    public List<Area> all(TenantId tenant) {
        return maps.getOrDefault(tenant, AreaMap.empty()).all();
    }
}
