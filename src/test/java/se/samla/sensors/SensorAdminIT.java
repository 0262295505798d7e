package se.samla.sensors;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;

/** The administrator sees the municipality's sensors, their latest values and what was refused; nobody else does. */
class SensorAdminIT extends SamlaIntegrationTest {

    @Test
    void theAdministratorSeesDevicesLatestValuesAndRefusals() throws Exception {
        // a minute ahead (within the allowed skew), so it stays the latest whatever other tests send
        long at = java.time.Instant.now().plusSeconds(60).getEpochSecond();
        mvc.perform(
                        atVanersborg(post("/sensors/v1/devices/luft-nabbensberg/senml"))
                                .header("Authorization", "Bearer demo-sensor-luft-nabbensberg")
                                .contentType("application/senml+json")
                                .content(
                                        "[{\"bn\":\"luft-nabbensberg:\",\"bt\":" + at
                                                + ",\"n\":\"temp\",\"u\":\"Cel\",\"v\":-3.5},{\"n\":\"temp\",\"u\":\"Cel\",\"v\":99,\"t\":-60}]"))
                .andExpect(status().isOk());
        var ada = logins().staff(vanersborg, "ada", "Ada Administratör", List.of("administrator:KSF-DIGIT"), "intern");
        mvc.perform(atVanersborg(get("/admin/sensorer")).with(ada.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Lufttemperatur Nabbensberg")))
                .andExpect(content().string(containsString("temp -3,50 Cel")))
                .andExpect(content().string(containsString("Utanför det fysiskt möjliga")));

        var gunnel = logins().staff(vanersborg, "gunnel", "Gunnel Gatuchef", List.of("handlaggare:SBF-GATA"), "intern");
        mvc.perform(atVanersborg(get("/admin/sensorer")).with(gunnel.processor()))
                .andExpect(status().isForbidden());
        var trollhattan = tenants.bySlug("trollhattan").orElseThrow();
        var tore = logins().staff(trollhattan, "tore", "Tore Trollhättebo", List.of("administrator:KSF"), "intern");
        mvc.perform(get("/t/trollhattan/admin/sensorer").with(tore.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Nabbensberg"))));
    }
}
