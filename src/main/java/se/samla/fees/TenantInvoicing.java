package se.samla.fees;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import se.samla.shared.TenantId;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/** Each municipality's invoicing settings, read at start; a wrong file stops the start and names the field. */
@Component
class TenantInvoicing {

    private final Map<TenantId, InvoicingSettings> settings = new HashMap<>();

    TenantInvoicing(Tenants tenants, Environment environment) {
        for (Tenant tenant : tenants.all()) {
            var file = tenants.configurationDirectory(tenant.id()).resolve("invoicing.yml");
            if (!Files.isRegularFile(file)) {
                continue;
            }
            var read = InvoicingSettings.read(file, environment);
            if (tenants.unit(tenant.id(), read.unit()).isEmpty()) {
                throw new IllegalStateException("Invalid invoicing settings " + file + ": field 'unit' names "
                        + read.unit() + ", which is not a unit of " + tenant.slug());
            }
            settings.put(tenant.id(), read);
        }
    }

    /** The municipality's settings; empty when it sends no invoices. */
    Optional<InvoicingSettings> of(TenantId tenant) {
        return Optional.ofNullable(settings.get(tenant));
    }
}
