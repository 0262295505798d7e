package se.samla.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import se.samla.SamlaIntegrationTest;

/** An id in a page's path that is not an id is answered like one that names nothing: the page is not found. */
class MalformedIdIT extends SamlaIntegrationTest {

    final HttpClient http = HttpClient.newHttpClient();

    private static MockHttpServletRequestBuilder at(MockHttpServletRequestBuilder request) {
        return request.with(r -> {
            r.setServerName("vanersborg.localhost");
            return r;
        });
    }

    @Test
    void everyPageAnswersAMalformedIdAsNotFound() throws Exception {
        var vanersborg = tenants.bySlug("vanersborg").orElseThrow();
        var logins = logins();
        var resident = logins.resident(vanersborg, "Anna Testsson", "198705212382");
        var staff = logins.staff(
                vanersborg, "bodil", "Bodil Bygglovsson", List.of("handlaggare:SBF-BYGG", "registrator"), "intern");
        String someCase = UUID.randomUUID().toString();

        for (String path :
                List.of("/mina-sidor/arenden/inte-ett-id", "/mina-sidor/arenden/" + someCase + "/filer/x'--")) {
            mvc.perform(at(get(path)).with(resident.processor())).andExpect(status().isNotFound());
        }
        for (String path : List.of(
                "/personal/arenden/inte-ett-id",
                "/personal/arenden/" + someCase + "/filer/inte-ett-id",
                "/personal/felanmalan/1",
                "/personal/diarium/inte-ett-id",
                "/personal/begaranden/inte-ett-id")) {
            mvc.perform(at(get(path)).with(staff.processor())).andExpect(status().isNotFound());
        }
        for (String path : List.of("/diarium/begar/inte-ett-id", "/felanmalan/SBF-2026-000001/foton/inte-ett-id")) {
            // through the server, which renders the error page as a visitor sees it
            var response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/t/vanersborg" + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).contains("Sidan finns inte");
        }
    }

    @Test
    void aMalformedIdInAFormIsABrokenRequest() throws Exception {
        var vanersborg = tenants.bySlug("vanersborg").orElseThrow();
        var staff = logins().staff(vanersborg, "gunnar", "Gunnar Gata", List.of("handlaggare:SBF-GATA"), "intern");
        mvc.perform(at(post("/personal/felanmalan/" + UUID.randomUUID() + "/sammanfoga"))
                        .with(staff.processor())
                        .with(csrf())
                        .param("version", "1")
                        .param("keep", "inte-ett-id"))
                .andExpect(status().isBadRequest());
    }
}
