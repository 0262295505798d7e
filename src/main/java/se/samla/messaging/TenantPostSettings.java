package se.samla.messaging;

import java.util.HashMap;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;
import se.samla.shared.TenantId;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * Each tenant's post settings, read at start; a wrong file, or in production the demo operator or a mailbox without
 * an organisation certificate, stops the start.
 */
@Component
class TenantPostSettings {

    private final Map<TenantId, PostSettings> settings = new HashMap<>();

    TenantPostSettings(Tenants tenants, Environment environment) {
        boolean production = environment.acceptsProfiles(Profiles.of("prod"));
        for (Tenant tenant : tenants.all()) {
            var read = PostSettings.read(
                    tenants.configurationDirectory(tenant.id()).resolve("post.yml"), tenant, environment);
            if (production && read.digitalMailbox().demo()) {
                throw new IllegalStateException("The demo mailbox operator does not run in production: set "
                        + "digitalMailbox.recipientService in config/tenants/" + tenant.slug()
                        + "/post.yml to Mina meddelanden's recipient service, or leave it empty for paper only");
            }
            var mailbox = read.digitalMailbox();
            if (production
                    && mailbox.enabled()
                    && !mailbox.recipientService()
                            .toLowerCase(java.util.Locale.ROOT)
                            .startsWith("https://")) {
                throw new IllegalStateException("Mina meddelanden is reached over https with the organisation "
                        + "certificate: set digitalMailbox.recipientService in config/tenants/" + tenant.slug()
                        + "/post.yml to an https address");
            }
            if (production
                    && mailbox.enabled()
                    && (mailbox.keystore() == null || mailbox.keystore().isBlank())) {
                throw new IllegalStateException("No organisation certificate for " + tenant.slug()
                        + ": set digitalMailbox.keystore (a PKCS #12 file) in its post.yml, or leave recipientService"
                        + " empty for paper only");
            }
            for (var unit : read.secureMailbox()) {
                if (tenants.unit(tenant.id(), unit.unit()).isEmpty()) {
                    throw new IllegalStateException("No unit " + unit.unit() + " in " + tenant.slug()
                            + ": config/tenants/" + tenant.slug() + "/post.yml names it under secureMailbox");
                }
            }
            settings.put(tenant.id(), read);
        }
    }

    PostSettings of(TenantId tenant) {
        return settings.get(tenant);
    }
}
