package se.samla.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/** Tells whoever started Samla where to find it. */
@Component
class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    private final Tenants tenants;
    private final Environment environment;

    StartupBanner(Tenants tenants, Environment environment) {
        this.tenants = tenants;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        String port = environment.getProperty("local.server.port", "8080");
        StringBuilder text = new StringBuilder("\n\n  Samla is running: http://localhost:" + port + "/\n");
        for (Tenant tenant : tenants.all()) {
            text.append("    ")
                    .append(tenant.name())
                    .append(": http://localhost:")
                    .append(port)
                    .append("/t/")
                    .append(tenant.slug())
                    .append("/");
            tenant.hosts()
                    .forEach(host -> text.append("  or  http://")
                            .append(host)
                            .append(':')
                            .append(port)
                            .append('/'));
            text.append('\n');
        }
        log.info(text.toString());
    }
}
