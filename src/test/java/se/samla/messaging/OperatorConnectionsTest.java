package se.samla.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Mutual TLS toward an operator, against a real TLS server on this machine that asks for a client certificate: the
 * municipality's certificate is shown and accepted, a stranger's is refused, and an operator's server that nobody
 * trusts is not spoken to. And the service addresses an answer names are checked before anything is sent.
 */
class OperatorConnectionsTest {

    HttpsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static OrganisationCertificates.Signer certificate(String commonName, String dnsName) throws Exception {
        return certificate(commonName, dnsName, false);
    }

    /** A self-signed certificate with an RSA key, or with an elliptic-curve key (P-256). */
    static OrganisationCertificates.Signer certificate(String commonName, String dnsName, boolean ec) throws Exception {
        var generator = KeyPairGenerator.getInstance(ec ? "EC" : "RSA");
        generator.initialize(ec ? 256 : 2048);
        var pair = generator.generateKeyPair();
        var subject = new X500Name("CN=" + commonName + ", O=Test, C=SE");
        var builder = new JcaX509v3CertificateBuilder(
                subject,
                new BigInteger(64, new SecureRandom()),
                Date.from(Instant.now().minus(Duration.ofDays(1))),
                Date.from(Instant.now().plus(Duration.ofDays(30))),
                subject,
                pair.getPublic());
        if (dnsName != null) {
            builder.addExtension(
                    Extension.subjectAlternativeName,
                    false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
        }
        var certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(ec ? "SHA256withECDSA" : "SHA256withRSA")
                        .build(pair.getPrivate())));
        return new OrganisationCertificates.Signer(certificate, pair.getPrivate());
    }

    static KeyStore trusting(OrganisationCertificates.Signer... signers) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < signers.length; i++) {
            store.setCertificateEntry("trusted-" + i, signers[i].certificate());
        }
        return store;
    }

    /** An operator's server that asks every client for a certificate and trusts only the given one. */
    URI operator(
            OrganisationCertificates.Signer serverCertificate, KeyStore trustedClients, AtomicReference<String> seen)
            throws Exception {
        KeyStore own = KeyStore.getInstance("PKCS12");
        own.load(null, null);
        own.setKeyEntry("server", serverCertificate.key(), new char[0], new java.security.cert.Certificate[] {
            serverCertificate.certificate()
        });
        var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(own, new char[0]);
        var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustedClients);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters parameters) {
                var ssl = tls.getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                parameters.setSSLParameters(ssl);
            }
        });
        server.createContext("/", exchange -> {
            try {
                seen.set(((HttpsExchange) exchange)
                        .getSSLSession()
                        .getPeerPrincipal()
                        .getName());
            } catch (IOException e) {
                seen.set("none");
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return URI.create("https://localhost:" + server.getAddress().getPort() + "/mailbox");
    }

    @Test
    void theMunicipalityShowsItsCertificateAndAStrangerIsRefused() throws Exception {
        var operatorCertificate = certificate("localhost", "localhost");
        var municipality = certificate("Vänersborgs kommun", null);
        var stranger = certificate("Someone else", null);
        var seen = new AtomicReference<String>();
        URI address = operator(operatorCertificate, trusting(municipality), seen);

        var client = OperatorConnections.client(
                OperatorConnections.mutualTls(municipality, trusting(operatorCertificate)), Duration.ofSeconds(5));
        var answer = client.send(HttpRequest.newBuilder(address).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(seen.get()).contains("CN=Vänersborgs kommun");

        var strangers = OperatorConnections.client(
                OperatorConnections.mutualTls(stranger, trusting(operatorCertificate)), Duration.ofSeconds(5));
        assertThatThrownBy(() ->
                        strangers.send(HttpRequest.newBuilder(address).build(), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(IOException.class);

        // a server certificate that no authority of ours vouches for: nothing is sent to it
        var trustingOnlyTheJdk =
                OperatorConnections.client(OperatorConnections.mutualTls(municipality, null), Duration.ofSeconds(5));
        seen.set(null);
        assertThatThrownBy(() -> trustingOnlyTheJdk.send(
                        HttpRequest.newBuilder(address).build(), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        assertThat(seen.get()).isNull();
    }

    @Test
    void anAddressFromAnAnswerIsCheckedBeforeAnythingIsSent() throws Exception {
        assertThat(OperatorConnections.checked("https://operator.example/deliver", true)
                        .getHost())
                .isEqualTo("operator.example");
        assertThat(OperatorConnections.checked("http://localhost:8080/demo-brevlada/ws/deliver", false)
                        .getPort())
                .isEqualTo(8080);
        for (String bad : new String[] {
            "http://operator.example/deliver", // plain http in production
            "ftp://operator.example/deliver",
            "file:///etc/passwd",
            "/deliver",
            "https://user:secret@operator.example/deliver",
            "https://operator example/deliver",
            "",
            null
        }) {
            assertThatThrownBy(() -> OperatorConnections.checked(bad, true))
                    .as(String.valueOf(bad))
                    .isInstanceOf(OperatorConnections.UnusableAddress.class);
        }
        assertThatThrownBy(() -> OperatorConnections.checked("ftp://operator.example/", false))
                .isInstanceOf(OperatorConnections.UnusableAddress.class);
    }
}
