package se.samla.identity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import se.samla.SamlaApplication;

/** The demo identity provider lets anyone be anyone, so the prod profile refuses to start with it. */
class DemoIdentityProviderGuardTest {

    @Test
    void theProdProfileRefusesToStartWithTheDemoProvider() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(SamlaApplication.class)
                        .profiles("prod")
                        .properties("samla.db.url=jdbc:postgresql://127.0.0.1:1/never-reached")
                        .run()
                        .close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("demo identity provider must not run under the 'prod' profile");
    }

    @Test
    void theProdProfileAcceptsItSwitchedOff() {
        var guard = new se.samla.identity.demo.DemoIdentityProviderGuard();
        var environment = new org.springframework.mock.env.MockEnvironment()
                .withProperty("samla.demo-idp.enabled", "false")
                .withProperty("samla.mina-ombud.demo", "false");
        environment.setActiveProfiles("prod");
        assertThatCode(() -> guard.postProcessEnvironment(environment, null)).doesNotThrowAnyException();
        // the demo Mina ombud grants powers of attorney nobody gave: it is refused on its own too
        var withDemoOmbud =
                new org.springframework.mock.env.MockEnvironment().withProperty("samla.demo-idp.enabled", "false");
        withDemoOmbud.setActiveProfiles("prod");
        assertThatThrownBy(() -> guard.postProcessEnvironment(withDemoOmbud, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("demo Mina ombud");
        var withDemo = new org.springframework.mock.env.MockEnvironment();
        withDemo.setActiveProfiles("prod");
        assertThatThrownBy(() -> guard.postProcessEnvironment(withDemo, null))
                .isInstanceOf(IllegalStateException.class);
    }
}
