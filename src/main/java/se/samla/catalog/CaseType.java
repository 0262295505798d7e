package se.samla.catalog;

import se.samla.shared.TenantId;

/** One version of a tenant's case type. A case keeps the version it was started under. */
public record CaseType(TenantId tenantId, String code, int version, CaseTypeDefinition definition) {}
