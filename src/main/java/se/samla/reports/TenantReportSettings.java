package se.samla.reports;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import se.samla.shared.TenantId;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/** Each tenant's report settings, read at start; a wrong file stops the start. */
@Component
class TenantReportSettings {

    private final Map<TenantId, ReportSettings> settings = new HashMap<>();
    private final Map<String, TenantId> byJurisdiction = new HashMap<>();

    TenantReportSettings(Tenants tenants) {
        for (Tenant tenant : tenants.all()) {
            var read = ReportSettings.read(
                    tenants.configurationDirectory(tenant.id()).resolve("reports.yml"), tenant.slug());
            settings.put(tenant.id(), read);
            TenantId other = byJurisdiction.put(read.jurisdiction(), tenant.id());
            if (other != null) {
                throw new IllegalStateException("Invalid report settings of " + tenant.slug()
                        + ": field 'open311.jurisdiction' " + read.jurisdiction() + " is used by another tenant too");
            }
        }
    }

    ReportSettings of(TenantId tenant) {
        return settings.get(tenant);
    }

    Optional<TenantId> byJurisdiction(String jurisdiction) {
        return Optional.ofNullable(byJurisdiction.get(jurisdiction));
    }
}
