package se.samla;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import se.samla.identity.TestLogins;
import se.samla.platform.TenantTransactions;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * What integration tests share: the application ({@link SamlaTest}), a browser-less client, the database as its
 * owner sees it, the demo municipality Vänersborg and logins for it.
 */
@SamlaTest
public abstract class SamlaIntegrationTest {

    /** The demo municipality's own host, as a request reaches it. */
    protected static final String VANERSBORG_HOST = "vanersborg.localhost";

    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected ApplicationContext context;

    @Autowired
    protected Tenants tenants;

    /**
     * The test's own statements: in the application's transactions, but not the application's client, so that on a
     * Citus cluster a check across municipalities is allowed where the application's statements are refused it.
     */
    protected JdbcClient jdbc;

    @Autowired
    void useDataSource(javax.sql.DataSource dataSource) {
        jdbc = JdbcClient.create(dataSource);
    }

    @Autowired
    protected TenantTransactions transactions;

    @LocalServerPort
    protected int port;

    protected Tenant vanersborg;

    @BeforeEach
    void demoMunicipality() {
        vanersborg = tenants.bySlug("vanersborg").orElseThrow();
    }

    protected TestLogins logins() {
        return TestLogins.from(context);
    }

    /** The request as it comes to Vänersborg's own host. */
    protected static MockHttpServletRequestBuilder atVanersborg(MockHttpServletRequestBuilder request) {
        return request.with(r -> {
            r.setServerName(VANERSBORG_HOST);
            return r;
        });
    }

    /** The same for a form with files. */
    protected static org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder atVanersborg(
            org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder request) {
        request.with(r -> {
            r.setServerName(VANERSBORG_HOST);
            return r;
        });
        return request;
    }
}
