package se.samla.identity.demo;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/** The demo identity provider lets anyone log in as anyone, and the demo Mina ombud grants powers of attorney nobody gave: neither may run in production. */
public class DemoIdentityProviderGuard implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean enabled = environment.getProperty("samla.demo-idp.enabled", Boolean.class, true);
        if (enabled && environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new IllegalStateException("The demo identity provider must not run under the 'prod' profile: "
                    + "set SAMLA_DEMO_IDP_ENABLED=false and configure each tenant's real OIDC providers");
        }
        boolean ombud = environment.getProperty("samla.mina-ombud.demo", Boolean.class, true);
        if (ombud && environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new IllegalStateException("The demo Mina ombud must not run under the 'prod' profile: set "
                    + "SAMLA_MINA_OMBUD_DEMO=false and configure samla.mina-ombud.url, .jwks and .token");
        }
    }
}
