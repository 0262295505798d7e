package se.samla.tenancy;

import java.util.UUID;
import se.samla.shared.TenantEvent;
import se.samla.shared.TenantId;

/** A unit was removed from the tenant's configuration; its cases stay, but nobody acts for it any more. */
public record UnitClosed(TenantId tenantId, UUID unitId, String code) implements TenantEvent {}
