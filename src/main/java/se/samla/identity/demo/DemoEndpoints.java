package se.samla.identity.demo;

import org.springframework.core.env.Environment;

/** Where the built-in demo identity provider answers. */
public final class DemoEndpoints {

    public static final String PREFIX = "/demo-idp";
    public static final String AUTHORIZE = PREFIX + "/authorize";
    public static final String TOKEN = PREFIX + "/token";
    public static final String JWKS = PREFIX + "/jwks";
    public static final String USERINFO = PREFIX + "/userinfo";
    public static final String LOGOUT = PREFIX + "/logout";
    public static final String LOGIN = PREFIX + "/login";
    /** Where a person sees what they are asked to sign, and signs or cancels (the provider's consent page). */
    public static final String SIGN = PREFIX + "/sign";

    private DemoEndpoints() {}

    /** The provider's issuer: this installation on the platform host, at the port it listens on. */
    public static String baseUrl(Environment environment) {
        return environment.resolvePlaceholders(
                environment.getProperty("samla.demo-idp.issuer", "http://localhost:${local.server.port:8080}"));
    }
}
