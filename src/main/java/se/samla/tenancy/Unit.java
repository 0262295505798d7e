package se.samla.tenancy;

import java.util.UUID;
import se.samla.shared.LocalizedText;
import se.samla.shared.TenantId;

/** An organisational unit: a förvaltning (administration) or an enhet (section) within one. */
public record Unit(UUID id, TenantId tenantId, String code, LocalizedText name, String parentCode, Kind kind) {

    public enum Kind {
        ADMINISTRATION,
        SECTION
    }
}
