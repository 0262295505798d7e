package se.samla.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How Samla connects to Mina meddelanden and to mailbox operators: HTTPS with mutual TLS, the municipality's
 * organisation certificate being the client's, so the other side knows the sender before it reads a byte. Plain HTTP
 * is for the demo operator on this machine only, never in production.
 */
final class OperatorConnections {

    private OperatorConnections() {}

    /** Why an address is not one to send to. */
    static final class UnusableAddress extends Exception {
        UnusableAddress(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The address as a URI to send to, if it is one: an absolute http(s) address with a host, and https in
     * production. An operator's address comes from Mina meddelanden's answer, so it is checked as untrusted input.
     */
    static URI checked(String address, boolean production) throws UnusableAddress {
        URI uri;
        try {
            uri = address == null ? null : new URI(address.strip());
        } catch (java.net.URISyntaxException e) {
            throw new UnusableAddress("not an address: " + e.getMessage());
        }
        if (uri == null || uri.getHost() == null || uri.getScheme() == null) {
            throw new UnusableAddress("no address with a host: " + address);
        }
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && !production)) {
            throw new UnusableAddress((production ? "not https: " : "not http(s): ") + address);
        }
        if (uri.getUserInfo() != null) {
            throw new UnusableAddress("an address with a user name or password: " + uri.getHost());
        }
        return uri;
    }

    /**
     * TLS in which this organisation shows its certificate, trusting the servers the trust store names (the JDK's
     * own authorities when there is none).
     */
    static SSLContext mutualTls(OrganisationCertificates.Signer organisation, KeyStore trust)
            throws GeneralSecurityException {
        char[] password = new char[0];
        KeyStore own;
        try {
            own = KeyStore.getInstance("PKCS12");
            own.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        own.setKeyEntry("organisation", organisation.key(), password, new java.security.cert.Certificate[] {
            organisation.certificate()
        });
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(own, password);
        TrustManagerFactory trusted = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trusted.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trusted.getTrustManagers(), null);
        return context;
    }

    static HttpClient client(SSLContext tls, Duration connectTimeout) {
        return HttpClient.newBuilder()
                .sslContext(tls)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A PKCS #12 trust store, or null for the JDK's own authorities. */
    static KeyStore trustStore(String file, String password) {
        if (file == null || file.isBlank()) {
            return null;
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password == null ? new char[0] : password.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the trust store " + file + ": " + e.getMessage(), e);
        }
    }
}
