package se.samla.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import se.samla.SamlaIntegrationTest;

/** Which municipality a request is for, by host name or by path prefix, and what an unknown one gets. */
class TenantResolutionIT extends SamlaIntegrationTest {

    static MockHttpServletRequestBuilder at(String host, String path) {
        return get(path).with(request -> {
            request.setServerName(host);
            return request;
        });
    }

    @Test
    void aTenantHostShowsThatTenantsStartPage() throws Exception {
        mvc.perform(at("vanersborg.localhost", "/"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Välkommen till Vänersborgs kommun")))
                .andExpect(content().string(containsString("href=\"/logga-in\"")));
        mvc.perform(at("TROLLHATTAN.localhost", "/"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Välkommen till Trollhättans stad")));
    }

    @Test
    void onThePlatformHostThePathPrefixChoosesTheTenantAndStaysInEveryLink() throws Exception {
        mvc.perform(at("localhost", "/t/vanersborg/"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Välkommen till Vänersborgs kommun")))
                .andExpect(content().string(containsString("href=\"/t/vanersborg/logga-in\"")));
        mvc.perform(at("localhost", "/t/vanersborg/mina-sidor"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/t/vanersborg/logga-in"));
    }

    @Test
    void thePlatformRootListsTheTenants() throws Exception {
        mvc.perform(at("localhost", "/"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/t/vanersborg/\"")))
                .andExpect(content().string(containsString("href=\"/t/trollhattan/\"")));
    }

    @Test
    void anUnknownHostGetsAClearNotFoundPage() throws Exception {
        mvc.perform(at("evil.example", "/"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("Kommunen finns inte här")))
                .andExpect(content().string(containsString("evil.example")))
                .andExpect(content().string(not(containsString("Vänersborgs kommun"))));
        mvc.perform(at("evil.example", "/mina-sidor"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("Kommunen finns inte här")));
    }

    @Test
    void anUnknownSlugGetsAClearNotFoundPage() throws Exception {
        mvc.perform(at("localhost", "/t/atlantis/"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("Kommunen finns inte här")));
        mvc.perform(at("localhost", "/t/../etc/passwd")).andExpect(status().isNotFound());
        mvc.perform(at("localhost", "/logga-in"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("Kommunen finns inte här")));
    }

    @Test
    void pagesThatNeedALoginSendAVisitorToTheTenantsLoginPage() throws Exception {
        mvc.perform(at("vanersborg.localhost", "/personal")).andExpect(redirectedUrl("/logga-in"));
        mvc.perform(at("vanersborg.localhost", "/finns-inte")).andExpect(redirectedUrl("/logga-in"));
    }

    @Test
    void englishIsAvailableAndRemembered() throws Exception {
        var result = mvc.perform(at("vanersborg.localhost", "/").param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<html lang=\"en\" dir=\"ltr\">")))
                .andExpect(content().string(containsString("Welcome to Vänersborgs kommun")))
                .andReturn();
        var cookie = result.getResponse().getCookie("samla_lang");
        mvc.perform(at("vanersborg.localhost", "/").cookie(cookie))
                .andExpect(content().string(containsString("Welcome to Vänersborgs kommun")));
        mvc.perform(at("vanersborg.localhost", "/").param("lang", "xx"))
                .andExpect(content().string(containsString("<html lang=\"sv\" dir=\"ltr\">")));
    }

    @Test
    void everyResponseCarriesARequestIdAndSecurityHeaders() throws Exception {
        mvc.perform(at("vanersborg.localhost", "/"))
                .andExpect(header().exists("X-Request-Id"))
                .andExpect(header().string("Content-Security-Policy", containsString("default-src 'self'")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
        mvc.perform(at("vanersborg.localhost", "/").header("X-Request-Id", "support-case-4711"))
                .andExpect(header().string("X-Request-Id", "support-case-4711"));
        mvc.perform(at("vanersborg.localhost", "/").header("X-Request-Id", "bad id\nwith newline"))
                .andExpect(header().string("X-Request-Id", not(containsString("bad"))));
    }

    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;

    @Test
    void livenessAndReadinessAnswerMinimallyOnAnyHostAndMetricsOnlyOnTheManagementPort() throws Exception {
        mvc.perform(at("10.0.0.5", "/livez"))
                .andExpect(status().isOk())
                .andExpect(content().string("{\"status\":\"UP\"}"));
        mvc.perform(at("vanersborg.localhost", "/readyz"))
                .andExpect(status().isOk())
                .andExpect(content().string("{\"status\":\"UP\"}"));
        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/t/vanersborg/actuator/prometheus")) {
            mvc.perform(at("localhost", path))
                    .andExpect(status().isNotFound())
                    .andExpect(content().string(not(containsString("jvm_memory_used_bytes"))));
        }
        var http = java.net.http.HttpClient.newHttpClient();
        var metrics = http.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }
}
