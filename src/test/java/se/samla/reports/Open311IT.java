package se.samla.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import se.samla.SamlaTest;
import se.samla.platform.TenantTransactions;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open311 GeoReport v2 as the specification names it: every method in XML and JSON, its arguments,
 * defaults and errors, and the page/page_size and servicerequestupdates extensions.
 */
@SamlaTest
class Open311IT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String J = "vanersborg.se";
    private static final AtomicInteger PLACES = new AtomicInteger();
    private static final String ISO_WITH_ZONE = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}";

    @Autowired
    MockMvc mvc;

    @Autowired
    Tenants tenants;

    @Autowired
    Open311Keys keys;

    @Autowired
    TenantTransactions transactions;

    /** The test's own statements, which may look across municipalities even on a Citus cluster. */
    JdbcClient jdbc;

    @Autowired
    void useDataSource(javax.sql.DataSource dataSource) {
        jdbc = JdbcClient.create(dataSource);
    }

    @Autowired
    org.springframework.context.ApplicationContext context;

    Tenant vanersborg;
    String apiKey;
    double latitude;
    double longitude;

    @BeforeEach
    void setUp() {
        vanersborg = tenants.bySlug("vanersborg").orElseThrow();
        apiKey = transactions
                .call(vanersborg.id(), () -> keys.issue("Testappen", "staff:test"))
                .secret();
        int n = PLACES.incrementAndGet();
        // Vargön, away from the other tests' places
        latitude = 58.3470 + (n % 5) * 0.0040;
        longitude = 12.3700 + (n / 5) * 0.0080;
    }

    // ---- helpers

    private MvcResult call(MockHttpServletRequestBuilder request, int expected) throws Exception {
        return mvc.perform(request).andExpect(status().is(expected)).andReturn();
    }

    private static JsonNode json(MvcResult result) throws Exception {
        assertThat(result.getResponse().getContentType()).startsWith("application/json");
        return JSON.readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private static Element xml(MvcResult result) throws Exception {
        assertThat(result.getResponse().getContentType()).startsWith("text/xml");
        Document doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(result.getResponse().getContentAsByteArray()));
        return doc.getDocumentElement();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        var found = children(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent();
    }

    /** The error list in the format asked for: its one code and description. */
    private void error(MockHttpServletRequestBuilder request, int code, String descriptionPart, boolean asJson)
            throws Exception {
        MvcResult result = call(request, code);
        if (asJson) {
            JsonNode errors = json(result);
            assertThat(errors.isArray()).isTrue();
            assertThat(errors.get(0).get("code").asInt()).isEqualTo(code);
            assertThat(errors.get(0).get("description").asString()).contains(descriptionPart);
        } else {
            Element errors = xml(result);
            assertThat(errors.getTagName()).isEqualTo("errors");
            Element error = children(errors, "error").get(0);
            assertThat(text(error, "code")).isEqualTo(Integer.toString(code));
            assertThat(text(error, "description")).contains(descriptionPart);
        }
    }

    private MockHttpServletRequestBuilder newRequest(String format, Map<String, String> params) {
        var request = post("/open311/v2/requests." + format);
        params.forEach(request::param);
        return request;
    }

    private Map<String, String> validRequest(String code) {
        var params = new java.util.LinkedHashMap<String, String>();
        params.put("jurisdiction_id", J);
        params.put("api_key", apiKey);
        params.put("service_code", code);
        params.put("lat", Double.toString(latitude));
        params.put("long", Double.toString(longitude));
        params.put("description", "Rapporterat via appen " + UUID.randomUUID());
        params.put("email", "app-user@open311.example.org");
        params.put("first_name", "Olle");
        params.put("last_name", "Appsson");
        if (code.equals("vattenlacka")) {
            params.put("attribute[flow]", "forsar");
        }
        if (code.equals("klotter")) {
            params.put("attribute[offensive]", "nej");
        }
        return params;
    }

    /** Posts a valid request and returns its service_request_id. */
    private String created(String code) throws Exception {
        JsonNode answer = json(call(newRequest("json", validRequest(code)), 200));
        return answer.get(0).get("service_request_id").asString();
    }

    // ---- services

    @Test
    void servicesListTheReportCategoriesInBothFormats() throws Exception {
        JsonNode services = json(call(get("/open311/v2/services.json").param("jurisdiction_id", J), 200));
        List<String> codes = new ArrayList<>();
        services.forEach(s -> codes.add(s.get("service_code").asString()));
        assertThat(codes)
                .contains(
                        "gatubelysning",
                        "hal-i-gata",
                        "snorojning",
                        "vattenlacka",
                        "klotter",
                        "nedskrapning",
                        "lekplats")
                .doesNotContain("bygglov", "ekonomiskt-bistand");
        JsonNode leak = services.valueStream()
                .filter(s -> s.get("service_code").asString().equals("vattenlacka"))
                .findFirst()
                .orElseThrow();
        assertThat(leak.get("service_name").asString()).isEqualTo("Vattenläcka");
        assertThat(leak.get("metadata").asBoolean()).isTrue();
        assertThat(leak.get("type").asString()).isEqualTo("realtime");
        assertThat(leak.has("keywords")).isTrue();
        assertThat(leak.get("group").asString()).isEqualTo("Felanmälan");
        JsonNode playground = services.valueStream()
                .filter(s -> s.get("service_code").asString().equals("lekplats"))
                .findFirst()
                .orElseThrow();
        assertThat(playground.get("metadata").asBoolean())
                .as("no questions beyond the standard arguments")
                .isFalse();

        Element xml = xml(call(get("/open311/v2/services.xml").param("jurisdiction_id", J), 200));
        assertThat(xml.getTagName()).isEqualTo("services");
        assertThat(children(xml, "service")).hasSize(services.size());
        Element first = children(xml, "service").get(0);
        for (String field :
                List.of("service_code", "service_name", "description", "metadata", "type", "keywords", "group")) {
            assertThat(children(first, field)).as(field).hasSize(1);
        }
    }

    @Test
    void aServiceDefinitionGivesTheFormsQuestionsAsAttributes() throws Exception {
        JsonNode leak = json(call(get("/open311/v2/services/vattenlacka.json").param("jurisdiction_id", J), 200));
        assertThat(leak.get("service_code").asString()).isEqualTo("vattenlacka");
        JsonNode flow = leak.get("attributes").get(0);
        assertThat(flow.get("code").asString()).isEqualTo("flow");
        assertThat(flow.get("variable").asBoolean()).isTrue();
        assertThat(flow.get("datatype").asString()).isEqualTo("singlevaluelist");
        assertThat(flow.get("required").asBoolean()).isTrue();
        assertThat(flow.get("order").asInt()).isEqualTo(1);
        assertThat(flow.get("description").asString()).isNotBlank();
        assertThat(flow.has("datatype_description")).isTrue();
        assertThat(flow.get("values").get(0).get("key").asString()).isEqualTo("sipprar");
        assertThat(flow.get("values").get(0).get("name").asString()).isEqualTo("Det sipprar");
        assertThat(leak.get("attributes").valueStream().map(a -> a.get("code").asString()))
                .as("the standard arguments and photos are not attributes")
                .doesNotContain("description", "email", "name", "photos");

        Element xml = xml(call(get("/open311/v2/services/gatubelysning.xml").param("jurisdiction_id", J), 200));
        assertThat(xml.getTagName()).isEqualTo("service_definition");
        assertThat(text(xml, "service_code")).isEqualTo("gatubelysning");
        Element pole = children(children(xml, "attributes").get(0), "attribute").get(0);
        assertThat(text(pole, "code")).isEqualTo("pole");
        assertThat(text(pole, "datatype")).isEqualTo("string");
        assertThat(text(pole, "required")).isEqualTo("false");
        Element graffiti = xml(call(get("/open311/v2/services/klotter.xml").param("jurisdiction_id", J), 200));
        Element offensive =
                children(children(graffiti, "attributes").get(0), "attribute").get(0);
        assertThat(children(children(offensive, "values").get(0), "value")).hasSize(2);

        error(
                get("/open311/v2/services/bygglov.json").param("jurisdiction_id", J),
                404,
                "service_code bygglov not found",
                true);
        error(get("/open311/v2/services/finns-inte.xml").param("jurisdiction_id", J), 404, "finns-inte", false);
    }

    // ---- jurisdiction

    @Test
    void theJurisdictionSelectsTheMunicipality() throws Exception {
        error(get("/open311/v2/services.xml"), 400, "jurisdiction_id", false);
        error(get("/open311/v2/services.json").param("jurisdiction_id", ""), 400, "jurisdiction_id", true);
        error(get("/open311/v2/services.json").param("jurisdiction_id", "stockholm.se"), 404, "jurisdiction_id", true);
        // Trollhättan has one report category, street lighting; its jurisdiction answers with that alone
        var trollhattan = json(call(get("/open311/v2/services.json").param("jurisdiction_id", "trollhattan"), 200));
        assertThat(trollhattan.size()).isEqualTo(1);
        assertThat(trollhattan.get(0).get("service_code").asText()).isEqualTo("gatubelysning");
        // on the municipality's own path prefix or host, it may be left out, but must not name another
        assertThat(json(call(get("/t/vanersborg/open311/v2/services.json"), 200))
                        .size())
                .isGreaterThanOrEqualTo(7);
        assertThat(json(call(
                                get("/open311/v2/services.json").with(r -> {
                                    r.setServerName("vanersborg.localhost");
                                    return r;
                                }),
                                200))
                        .size())
                .isGreaterThanOrEqualTo(7);
        error(
                get("/t/vanersborg/open311/v2/services.json").param("jurisdiction_id", "trollhattan"),
                404,
                "jurisdiction_id",
                true);
        // another municipality's request is not found through this one
        String id = created("lekplats");
        error(get("/open311/v2/requests/" + id + ".json").param("jurisdiction_id", "trollhattan"), 404, id, true);
    }

    @Test
    void anUnknownFormatIsNotFound() throws Exception {
        error(get("/open311/v2/services.csv").param("jurisdiction_id", J), 404, "format csv", false);
    }

    // ---- POST requests, tokens, GET requests/{id}

    @Test
    void aNewRequestNeedsAValidKeyAServiceAndAPlace() throws Exception {
        var params = validRequest("vattenlacka");
        var withoutKey = new java.util.LinkedHashMap<>(params);
        withoutKey.remove("api_key");
        error(newRequest("json", withoutKey), 403, "api_key", true);
        var badKey = new java.util.LinkedHashMap<>(params);
        badKey.put("api_key", "not-a-key");
        error(newRequest("xml", badKey), 403, "api_key", false);
        var revoked = transactions.call(vanersborg.id(), () -> keys.issue("Gamla appen", "staff:test"));
        transactions.run(vanersborg.id(), () -> keys.revoke(revoked.key().id(), "staff:test"));
        var revokedKey = new java.util.LinkedHashMap<>(params);
        revokedKey.put("api_key", revoked.secret());
        error(newRequest("json", revokedKey), 403, "api_key", true);
        // a key of one municipality is not a key of another
        var foreignKey = new java.util.LinkedHashMap<>(params);
        foreignKey.put("jurisdiction_id", "trollhattan");
        foreignKey.put("service_code", "gatubelysning");
        error(newRequest("json", foreignKey), 403, "api_key", true);

        var noService = new java.util.LinkedHashMap<>(params);
        noService.put("service_code", "");
        error(newRequest("json", noService), 400, "service_code", true);
        var unknownService = new java.util.LinkedHashMap<>(params);
        unknownService.put("service_code", "bygglov");
        error(newRequest("xml", unknownService), 404, "service_code bygglov not found", false);

        var noPlace = new java.util.LinkedHashMap<>(params);
        noPlace.remove("lat");
        noPlace.remove("long");
        error(newRequest("json", noPlace), 400, "lat/long", true);
        var latOnly = new java.util.LinkedHashMap<>(params);
        latOnly.remove("long");
        error(newRequest("json", latOnly), 400, "long", true);
        var wrongType = new java.util.LinkedHashMap<>(params);
        wrongType.put("lat", "femtioåtta");
        error(newRequest("json", wrongType), 400, "lat: not a decimal number", true);
        var offTheGlobe = new java.util.LinkedHashMap<>(params);
        offTheGlobe.put("lat", "95");
        error(newRequest("json", offTheGlobe), 400, "lat", true);
        var elsewhere = new java.util.LinkedHashMap<>(params);
        elsewhere.put("lat", "59.3293");
        elsewhere.put("long", "18.0686");
        error(newRequest("json", elsewhere), 400, "outside the jurisdiction", true);
        var unknownAddress = new java.util.LinkedHashMap<>(noPlace);
        unknownAddress.put("address_string", "Påhittade gränd 99");
        error(newRequest("json", unknownAddress), 400, "address_string", true);
        var addressId = new java.util.LinkedHashMap<>(noPlace);
        addressId.put("address_id", "123");
        error(newRequest("json", addressId), 400, "address_id", true);

        var unknownAttribute = new java.util.LinkedHashMap<>(params);
        unknownAttribute.put("attribute[colour]", "blå");
        error(newRequest("json", unknownAttribute), 400, "attribute[colour]", true);
        var wrongChoice = new java.util.LinkedHashMap<>(params);
        wrongChoice.put("attribute[flow]", "översvämning");
        error(newRequest("json", wrongChoice), 400, "attribute[flow]", true);
        var noFlow = new java.util.LinkedHashMap<>(params);
        noFlow.remove("attribute[flow]");
        error(newRequest("json", noFlow), 400, "attribute[flow]", true);
        var noDescription = new java.util.LinkedHashMap<>(params);
        noDescription.remove("description");
        error(newRequest("xml", noDescription), 400, "description", false);
        var badEmail = new java.util.LinkedHashMap<>(params);
        badEmail.put("email", "inte-en-adress");
        error(newRequest("json", badEmail), 400, "email", true);

        // none of it opened a case
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql(
                                        "SELECT count(*) FROM cases.\"case\" WHERE channel = 'OPEN311' AND answers->>'description' = :d")
                                .param("d", params.get("description"))
                                .query(Integer.class)
                                .single()))
                .isZero();
    }

    @Test
    void aNewRequestIsACaseFoundByItsIdAndItsToken() throws Exception {
        var params = validRequest("vattenlacka");
        JsonNode created = json(call(newRequest("json", params), 200));
        assertThat(created.isArray()).isTrue();
        String id = created.get(0).get("service_request_id").asString();
        String token = created.get(0).get("token").asString();
        assertThat(created.get(0).get("service_notice").asString()).isNotBlank();
        assertThat(created.get(0).has("account_id")).isTrue();

        var stored = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("""
                SELECT c.channel, c.unit, c.answers->>'flow', c.answers->>'email', c.answers->>'name'
                FROM reports.report r JOIN cases."case" c ON c.tenant_id = r.tenant_id AND c.id = r.case_id
                WHERE r.public_id = :p
                """)
                        .param("p", id)
                        .query((rs, n) -> List.of(
                                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                        .single());
        assertThat(stored)
                .containsExactly("OPEN311", "SBF-KOV", "forsar", "app-user@open311.example.org", "Olle Appsson");

        Element xmlCreated = xml(call(newRequest("xml", validRequest("lekplats")), 200));
        assertThat(xmlCreated.getTagName()).isEqualTo("service_requests");
        assertThat(text(children(xmlCreated, "request").get(0), "service_request_id"))
                .isNotBlank();

        JsonNode byToken =
                json(call(get("/open311/v2/tokens/" + token + ".json").param("jurisdiction_id", J), 200));
        assertThat(byToken.get(0).get("service_request_id").asString()).isEqualTo(id);
        assertThat(byToken.get(0).get("token").asString()).isEqualTo(token);
        Element tokenXml = xml(call(get("/open311/v2/tokens/" + token + ".xml").param("jurisdiction_id", J), 200));
        assertThat(text(children(tokenXml, "request").get(0), "service_request_id"))
                .isEqualTo(id);
        error(get("/open311/v2/tokens/" + UUID.randomUUID() + ".json").param("jurisdiction_id", J), 404, "token", true);
        error(get("/open311/v2/tokens/nonsense.xml").param("jurisdiction_id", J), 404, "token", false);

        JsonNode one = json(call(get("/open311/v2/requests/" + id + ".json").param("jurisdiction_id", J), 200))
                .get(0);
        assertThat(one.get("service_request_id").asString()).isEqualTo(id);
        assertThat(one.get("status").asString()).isEqualTo("open");
        assertThat(one.get("service_code").asString()).isEqualTo("vattenlacka");
        assertThat(one.get("service_name").asString()).isEqualTo("Vattenläcka");
        assertThat(one.get("agency_responsible").asString()).isEqualTo("Kretslopp och Vatten");
        assertThat(one.get("requested_datetime").asString()).matches(ISO_WITH_ZONE);
        assertThat(one.get("updated_datetime").asString()).matches(ISO_WITH_ZONE);
        assertThat(one.get("expected_datetime").asString()).matches(ISO_WITH_ZONE);
        assertThat(one.get("lat").asDouble()).isEqualTo(latitude);
        assertThat(one.get("long").asDouble()).isEqualTo(longitude);
        assertThat(one.get("description").isNull())
                .as("the reporter's text is not public until staff publish it")
                .isTrue();
        assertThat(one.get("media_url").isNull()).isTrue();
        String all = JSON.writeValueAsString(one);
        assertThat(all)
                .doesNotContain("app-user@open311.example.org")
                .doesNotContain("Olle")
                .doesNotContain("Appsson");
        for (String field : List.of(
                "service_request_id",
                "status",
                "status_notes",
                "service_name",
                "service_code",
                "description",
                "agency_responsible",
                "service_notice",
                "requested_datetime",
                "updated_datetime",
                "expected_datetime",
                "address",
                "address_id",
                "zipcode",
                "lat",
                "long",
                "media_url")) {
            assertThat(one.has(field)).as(field).isTrue();
        }
        Element oneXml = xml(call(get("/open311/v2/requests/" + id + ".xml").param("jurisdiction_id", J), 200));
        assertThat(oneXml.getTagName()).isEqualTo("service_requests");
        assertThat(text(children(oneXml, "request").get(0), "status")).isEqualTo("open");
        error(
                get("/open311/v2/requests/SBF-1999-000001.xml").param("jurisdiction_id", J),
                404,
                "SBF-1999-000001",
                false);
    }

    // ---- GET requests: filters and defaults

    @Test
    void requestsAreFilteredAsTheSpecificationSays() throws Exception {
        String light = created("gatubelysning");
        String graffiti = created("klotter");
        String leak = created("vattenlacka");
        // close the leak through the servicerequestupdates extension
        call(
                post("/open311/v2/servicerequestupdates.json")
                        .param("jurisdiction_id", J)
                        .param("api_key", apiKey)
                        .param("service_request_id", leak)
                        .param("status", "closed")
                        .param("description", "Lagad"),
                200);
        String mine = light + "," + graffiti + "," + leak;

        assertThat(ids(get("/open311/v2/requests.json").param("jurisdiction_id", J)))
                .contains(light, graffiti, leak);
        assertThat(ids(get("/open311/v2/requests.json")
                        .param("jurisdiction_id", J)
                        .param("service_code", "gatubelysning,klotter")))
                .contains(light, graffiti)
                .doesNotContain(leak);
        assertThat(ids(get("/open311/v2/requests.json")
                        .param("jurisdiction_id", J)
                        .param("status", "closed")))
                .contains(leak)
                .doesNotContain(light, graffiti);
        assertThat(ids(get("/open311/v2/requests.json")
                        .param("jurisdiction_id", J)
                        .param("status", "open")))
                .contains(light, graffiti)
                .doesNotContain(leak);
        assertThat(ids(get("/open311/v2/requests.json")
                        .param("jurisdiction_id", J)
                        .param("status", "open,closed")))
                .contains(light, graffiti, leak);
        // empty arguments count as not given
        assertThat(ids(get("/open311/v2/requests.json")
                        .param("jurisdiction_id", J)
                        .param("service_code", "")
                        .param("status", "")
                        .param("start_date", "")
                        .param("end_date", "")))
                .contains(light, graffiti, leak);
        // asked for by id, every other filter is ignored
        assertThat(ids(get("/open311/v2/requests.json")
                        .param("jurisdiction_id", J)
                        .param("service_request_id", mine)
                        .param("status", "closed")
                        .param("service_code", "lekplats")))
                .containsExactlyInAnyOrder(light, graffiti, leak);
        Element xml = xml(call(
                get("/open311/v2/requests.xml").param("jurisdiction_id", J).param("service_request_id", leak), 200));
        assertThat(text(children(xml, "request").get(0), "status")).isEqualTo("closed");
        assertThat(text(children(xml, "request").get(0), "status_notes")).isEqualTo("Lagad");

        // the default period is the last 90 days: a report from 100 days ago is left out unless asked for
        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql(
                                "UPDATE reports.report SET reported_at = now() - interval '100 days' WHERE public_id = :p")
                        .param("p", graffiti)
                        .update());
        assertThat(ids(get("/open311/v2/requests.json").param("jurisdiction_id", J)))
                .contains(light)
                .doesNotContain(graffiti);
        String start = Open311Controller.date(java.time.Instant.now().minus(java.time.Duration.ofDays(101)));
        String end = Open311Controller.date(java.time.Instant.now().minus(java.time.Duration.ofDays(99)));
        assertThat(ids(get("/open311/v2/requests.json")
                        .param("jurisdiction_id", J)
                        .param("start_date", start)
                        .param("end_date", end)))
                .contains(graffiti)
                .doesNotContain(light);
        // a start date alone reaches 90 days on
        assertThat(ids(get("/open311/v2/requests.json")
                        .param("jurisdiction_id", J)
                        .param("start_date", start)))
                .contains(graffiti)
                .doesNotContain(light);

        error(
                get("/open311/v2/requests.json")
                        .param("jurisdiction_id", J)
                        .param("start_date", "2026-01-01T00:00:00+01:00")
                        .param("end_date", "2026-06-01T00:00:00+02:00"),
                400,
                "at most 90 days",
                true);
        error(
                get("/open311/v2/requests.xml")
                        .param("jurisdiction_id", J)
                        .param("start_date", "2026-06-01T00:00:00Z")
                        .param("end_date", "2026-05-01T00:00:00Z"),
                400,
                "end_date",
                false);
        error(
                get("/open311/v2/requests.json").param("jurisdiction_id", J).param("start_date", "igår"),
                400,
                "start_date",
                true);
        error(
                get("/open311/v2/requests.json").param("jurisdiction_id", J).param("status", "pending"),
                400,
                "status",
                true);
        error(
                get("/open311/v2/requests.json")
                        .param("jurisdiction_id", J)
                        .param("service_code", "gatubelysning,bygglov"),
                404,
                "bygglov",
                true);
    }

    @Test
    void requestsArePagedWithAThousandByDefault() throws Exception {
        String a = created("lekplats");
        String b = created("lekplats");
        List<String> first =
                ids(get("/open311/v2/requests.json").param("jurisdiction_id", J).param("page_size", "1"));
        List<String> second = ids(get("/open311/v2/requests.json")
                .param("jurisdiction_id", J)
                .param("page_size", "1")
                .param("page", "2"));
        assertThat(first).containsExactly(b);
        assertThat(second).containsExactly(a);
        assertThat(ids(get("/open311/v2/requests.json").param("jurisdiction_id", J))
                        .size())
                .isLessThanOrEqualTo(1000);
        error(
                get("/open311/v2/requests.json").param("jurisdiction_id", J).param("page_size", "0"),
                400,
                "page_size",
                true);
        error(
                get("/open311/v2/requests.json").param("jurisdiction_id", J).param("page_size", "1001"),
                400,
                "page_size",
                true);
        error(get("/open311/v2/requests.xml").param("jurisdiction_id", J).param("page", "zero"), 400, "page", false);
    }

    private List<String> ids(MockHttpServletRequestBuilder request) throws Exception {
        List<String> ids = new ArrayList<>();
        json(call(request, 200))
                .forEach(r -> ids.add(r.get("service_request_id").asString()));
        return ids;
    }

    // ---- service request updates

    @Test
    void serviceRequestUpdatesCanBeReadAndPosted() throws Exception {
        String id = created("gatubelysning");
        error(
                post("/open311/v2/servicerequestupdates.json")
                        .param("jurisdiction_id", J)
                        .param("api_key", "fel")
                        .param("service_request_id", id)
                        .param("description", "x"),
                403,
                "api_key",
                true);
        error(
                post("/open311/v2/servicerequestupdates.json")
                        .param("jurisdiction_id", J)
                        .param("api_key", apiKey)
                        .param("service_request_id", "SBF-1999-000009")
                        .param("description", "x"),
                404,
                "SBF-1999-000009",
                true);
        error(
                post("/open311/v2/servicerequestupdates.json")
                        .param("jurisdiction_id", J)
                        .param("api_key", apiKey)
                        .param("service_request_id", id),
                400,
                "description",
                true);
        error(
                post("/open311/v2/servicerequestupdates.xml")
                        .param("jurisdiction_id", J)
                        .param("api_key", apiKey)
                        .param("service_request_id", id)
                        .param("status", "fixed")
                        .param("description", "x"),
                400,
                "status",
                false);

        JsonNode posted = json(call(
                post("/open311/v2/servicerequestupdates.json")
                        .param("jurisdiction_id", J)
                        .param("api_key", apiKey)
                        .param("service_request_id", id)
                        .param("description", "Ny lampa beställd"),
                200));
        String updateId = posted.get(0).get("update_id").asString();
        assertThat(posted.get(0).get("status").asString()).isEqualTo("open");

        JsonNode updates = json(call(
                get("/open311/v2/servicerequestupdates.json")
                        .param("jurisdiction_id", J)
                        .param("service_request_id", id),
                200));
        assertThat(updates.size()).isEqualTo(2);
        assertThat(updates.get(0).get("description").asString()).isEqualTo("Felanmälan togs emot.");
        JsonNode text = updates.get(1);
        assertThat(text.get("update_id").asString()).isEqualTo(updateId);
        assertThat(text.get("service_request_id").asString()).isEqualTo(id);
        assertThat(text.get("status").asString()).isEqualTo("open");
        assertThat(text.get("updated_datetime").asString()).matches(ISO_WITH_ZONE);
        assertThat(text.get("description").asString()).isEqualTo("Ny lampa beställd");
        assertThat(text.has("media_url")).isTrue();

        call(
                post("/open311/v2/servicerequestupdates.json")
                        .param("jurisdiction_id", J)
                        .param("api_key", apiKey)
                        .param("service_request_id", id)
                        .param("status", "closed"),
                200);
        Element xml = xml(call(
                get("/open311/v2/servicerequestupdates.xml")
                        .param("jurisdiction_id", J)
                        .param("service_request_id", id),
                200));
        assertThat(xml.getTagName()).isEqualTo("service_request_updates");
        var entries = children(xml, "request_update");
        assertThat(text(entries.get(entries.size() - 1), "status")).isEqualTo("closed");
        error(
                post("/open311/v2/servicerequestupdates.json")
                        .param("jurisdiction_id", J)
                        .param("api_key", apiKey)
                        .param("service_request_id", id)
                        .param("status", "open")
                        .param("description", "igen"),
                400,
                "reopened",
                true);
        error(
                get("/open311/v2/servicerequestupdates.json")
                        .param("jurisdiction_id", J)
                        .param("start_date", "2025-01-01T00:00:00Z")
                        .param("end_date", "2025-12-01T00:00:00Z"),
                400,
                "90 days",
                true);
    }

    @Test
    void anAdministratorIssuesAKeyThatIsShownOnceAndCanBeRevoked() throws Exception {
        var logins = se.samla.identity.TestLogins.from(context);
        var admin = logins.staff(vanersborg, "ada", "Ada Administratör", List.of("administrator:KSF-DIGIT"), "intern");
        var officer = logins.staff(vanersborg, "gunnel", "Gunnel Gatuchef", List.of("handlaggare:SBF-GATA"), "intern");
        var host = (org.springframework.test.web.servlet.request.RequestPostProcessor) r -> {
            r.setServerName("vanersborg.localhost");
            return r;
        };
        String page = mvc.perform(post("/admin/open311")
                        .with(host)
                        .with(admin.processor())
                        .with(csrf())
                        .param("name", "Felanmälningsappen"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        java.util.regex.Matcher shown = java.util.regex.Pattern.compile(
                        "Ny nyckel för Felanmälningsappen: ([A-Za-z0-9_-]{40,})")
                .matcher(page);
        assertThat(shown.find()).as(page).isTrue();
        String secret = shown.group(1);
        var params = validRequest("lekplats");
        params.put("api_key", secret);
        call(newRequest("json", params), 200);
        // the list never shows the key again, and nothing in the database is the key
        String list = mvc.perform(get("/admin/open311").with(host).with(admin.processor()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(list).contains("Felanmälningsappen").doesNotContain(secret);
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql("SELECT count(*) FROM reports.open311_key WHERE key_sha256 = :s")
                                .param("s", secret)
                                .query(Integer.class)
                                .single()))
                .isZero();
        // an officer may not issue keys; the anonymous are sent to log in
        mvc.perform(get("/admin/open311").with(host).with(officer.processor())).andExpect(status().isForbidden());
        mvc.perform(post("/admin/open311")
                        .with(host)
                        .with(officer.processor())
                        .with(csrf())
                        .param("name", "Smuggel"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin/open311").with(host)).andExpect(status().is3xxRedirection());
        // an empty name is refused
        mvc.perform(post("/admin/open311")
                        .with(host)
                        .with(admin.processor())
                        .with(csrf())
                        .param("name", " "))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("Skriv vem nyckeln är till")));

        UUID id = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT id FROM reports.open311_key WHERE name = 'Felanmälningsappen'")
                        .query(UUID.class)
                        .single());
        mvc.perform(post("/admin/open311/" + id + "/sparra")
                        .with(host)
                        .with(admin.processor())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        error(newRequest("json", params), 403, "api_key", true);
        // revoking again, or an unknown key, is not found
        mvc.perform(post("/admin/open311/" + id + "/sparra")
                        .with(host)
                        .with(admin.processor())
                        .with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void theDiscoveryDocumentPointsToTheEndpoint() throws Exception {
        JsonNode discovery = json(call(get("/t/vanersborg/open311/discovery.json"), 200));
        assertThat(discovery.get("contact").asString()).isEqualTo("Vänersborgs kommun");
        JsonNode endpoint = discovery.get("endpoints").get(0);
        assertThat(endpoint.get("specification").asString()).isEqualTo("http://wiki.open311.org/GeoReport_v2");
        assertThat(endpoint.get("url").asString()).endsWith("/t/vanersborg/open311/v2");
        assertThat(endpoint.get("type").asString()).isEqualTo("production");
        Element xml = xml(call(get("/open311/discovery.xml"), 200));
        assertThat(xml.getTagName()).isEqualTo("discovery");
        Element formats = children(
                        children(children(xml, "endpoints").get(0), "endpoint").get(0), "formats")
                .get(0);
        assertThat(children(formats, "format").stream().map(Element::getTextContent))
                .contains("text/xml", "application/json");
    }
}
