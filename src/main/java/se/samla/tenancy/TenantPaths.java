package se.samla.tenancy;

/** Names other modules may use about how requests are mapped to tenants. */
public final class TenantPaths {

    /** Request attribute: the path the visitor asked for, where another page serves the request. */
    public static final String ORIGINAL_PATH = "se.samla.tenancy.originalPath";

    private TenantPaths() {}
}
