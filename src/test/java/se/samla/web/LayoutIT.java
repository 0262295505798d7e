package se.samla.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;

/** The shared layout loads no script: a page that needs one (the map) asks for it itself. */
class LayoutIT extends SamlaIntegrationTest {

    @Test
    void pagesWithoutAMapLoadNoScript() throws Exception {
        for (String path : new String[] {"/", "/e-tjanster", "/diarium"}) {
            mvc.perform(get(path).with(r -> {
                        r.setServerName("vanersborg.localhost");
                        return r;
                    }))
                    .andExpect(status().isOk())
                    .andExpect(content().string(not(containsString("<script"))));
        }
        mvc.perform(get("/felanmalan/ny/klotter").with(r -> {
                    r.setServerName("vanersborg.localhost");
                    return r;
                }))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("leaflet.js")));
    }
}
