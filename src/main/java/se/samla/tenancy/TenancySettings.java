package se.samla.tenancy;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param configDirectory where each tenant has a folder with its tenant.yml
 * @param federationsDirectory where each federation has a folder with its federation.yml (it may be missing)
 * @param platformHosts   host names that belong to no tenant: there the tenant is chosen by the path
 *                        prefix /t/{slug}, and the root lists the tenants
 */
@ConfigurationProperties("samla.tenancy")
record TenancySettings(
        @DefaultValue("config/tenants") Path configDirectory,
        @DefaultValue("config/federations") Path federationsDirectory,
        @DefaultValue({"localhost", "127.0.0.1"}) List<String> platformHosts) {}
