package se.samla.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;
import se.samla.shared.TenantId;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * Each municipality's organisation certificate and key, which sign what it sends to Mina meddelanden: from the
 * PKCS #12 keystore (or PKCS #11 token) its post settings name, or, outside production, a demo certificate made on first use and kept
 * under the data folder (so the demo operator can trust it across restarts).
 */
@Component
class OrganisationCertificates {

    /** A certificate with its private key. */
    record Signer(X509Certificate certificate, PrivateKey key) {

        @Override
        public String toString() {
            return "Signer[" + certificate.getSubjectX500Principal() + ", key hidden]";
        }
    }

    private static final char[] DEMO_PASSWORD = "demo-organisation".toCharArray();

    private final Tenants tenants;
    private final TenantPostSettings settings;
    private final Path directory;
    private final boolean production;
    private final Clock clock;
    private final Map<TenantId, Signer> signers = new ConcurrentHashMap<>();
    private final Map<String, X509Certificate> trusted = new ConcurrentHashMap<>();

    OrganisationCertificates(
            Tenants tenants,
            TenantPostSettings settings,
            @Value("${samla.post.demo-certificates:${SAMLA_DATA_DIR:data}/post}") Path directory,
            Environment environment,
            Clock clock) {
        this.tenants = tenants;
        this.settings = settings;
        this.directory = directory;
        this.production = environment.acceptsProfiles(Profiles.of("prod"));
        this.clock = clock;
    }

    /** Whether the municipality has a certificate to sign with: its own keystore, or outside production the demo one. */
    boolean available(TenantId tenantId) {
        var keystore = settings.of(tenantId).digitalMailbox().keystore();
        return !production || (keystore != null && !keystore.isBlank());
    }

    Signer of(TenantId tenantId) {
        return signers.computeIfAbsent(tenantId, this::load);
    }

    /**
     * Forgets the municipality's key after it failed to sign, so the next letter reads it again: a token whose session
     * was lost (the HSM restarted, the card was taken out) is logged in to anew.
     */
    void forget(TenantId tenantId) {
        signers.remove(tenantId);
    }

    /**
     * The demo certificate of an organisation number, if one was made: what the demo operator trusts. Kept once
     * read, since a demo certificate never changes (a keystore costs a key derivation to open).
     */
    java.util.Optional<X509Certificate> demoCertificate(String organisationNumber) {
        X509Certificate known = trusted.get(organisationNumber);
        if (known != null) {
            return java.util.Optional.of(known);
        }
        Path file = demoFile(organisationNumber);
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        X509Certificate read = read(file, DEMO_PASSWORD, null).certificate();
        trusted.put(organisationNumber, read);
        return java.util.Optional.of(read);
    }

    private Signer load(TenantId tenantId) {
        Tenant tenant = tenants.byId(tenantId).orElseThrow();
        var mailbox = settings.of(tenantId).digitalMailbox();
        if (mailbox.keystore() != null && !mailbox.keystore().isBlank()) {
            char[] password = mailbox.keystorePassword() == null
                    ? new char[0]
                    : mailbox.keystorePassword().toCharArray();
            return read(Path.of(mailbox.keystore()), password, mailbox.keyAlias());
        }
        if (production) {
            throw new IllegalStateException("No organisation certificate for " + tenant.slug()
                    + ": set digitalMailbox.keystore in its post.yml (a PKCS #12 file)");
        }
        String orgNumber = senderId(tenant);
        Path file = demoFile(orgNumber);
        synchronized (OrganisationCertificates.class) {
            if (!Files.isRegularFile(file)) {
                write(file, generate(tenant.name(), orgNumber));
            }
        }
        return read(file, DEMO_PASSWORD, null);
    }

    /** The sender id Mina meddelanden knows an organisation by: 16 and its ten-digit organisation number. */
    static String senderId(Tenant tenant) {
        return "16" + tenant.organisationNumber().formatted().replace("-", "");
    }

    private Path demoFile(String senderId) {
        return directory.resolve("demo-organisation-" + senderId + ".p12");
    }

    private Signer generate(String name, String senderId) {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            Instant now = clock.instant();
            var subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.C, "SE")
                    .addRDN(BCStyle.O, name + " (demo)")
                    .addRDN(BCStyle.SERIALNUMBER, senderId)
                    .addRDN(BCStyle.CN, name + " demo organisation certificate")
                    .build();
            var builder = new JcaX509v3CertificateBuilder(
                    subject,
                    new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))),
                    subject,
                    pair.getPublic());
            var certificate = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            return new Signer(certificate, pair.getPrivate());
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("Cannot make a demo organisation certificate: " + e.getMessage(), e);
        }
    }

    private static void write(Path file, Signer signer) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("organisation", signer.key(), DEMO_PASSWORD, new java.security.cert.Certificate[] {
                signer.certificate()
            });
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                store.store(out, DEMO_PASSWORD);
            }
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot keep the demo organisation certificate in " + file, e);
        }
    }

    /**
     * The key and certificate in a keystore: a PKCS #12 file, or, for a file ending in .cfg, a SunPKCS11 configuration
     * naming a PKCS #11 token (a hardware security module or a smart card), whose password is the token's PIN. A
     * token's key never leaves it: signing happens inside.
     */
    static Signer read(Path file, char[] password, String alias) {
        if (file.getFileName().toString().endsWith(".cfg")) {
            try {
                KeyStore store = KeyStore.getInstance("PKCS11", pkcs11(file));
                store.load(null, password);
                return entry(store, password, alias, file);
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                // a configuration that cannot be read or a library that cannot be loaded are said as such, once
                throw new IllegalStateException(
                        "Cannot read the organisation certificate in the PKCS #11 token of " + file + ": "
                                + e.getMessage(),
                        e);
            }
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return entry(store, password, alias, file);
        } catch (IOException | GeneralSecurityException | IllegalStateException e) {
            throw new IllegalStateException(
                    "Cannot read the organisation certificate in " + file + ": " + e.getMessage(), e);
        }
    }

    private static final java.util.Map<String, java.security.Provider> TOKENS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** One provider per token configuration, registered so that signatures with its keys find it. */
    private static java.security.Provider pkcs11(Path configuration) {
        return TOKENS.computeIfAbsent(configuration.toAbsolutePath().toString(), path -> {
            var base = java.security.Security.getProvider("SunPKCS11");
            if (base == null) {
                throw new IllegalStateException("this Java has no SunPKCS11 provider");
            }
            var configured = base.configure(path);
            java.security.Security.addProvider(configured);
            return configured;
        });
    }

    private static Signer entry(KeyStore store, char[] password, String alias, Path file)
            throws GeneralSecurityException {
        String name = alias != null && !alias.isBlank()
                ? alias
                : java.util.Collections.list(store.aliases()).stream()
                        .filter(a -> isKey(store, a))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("no key in " + file));
        var key = (PrivateKey) store.getKey(name, password);
        var certificate = (X509Certificate) store.getCertificate(name);
        if (key == null || certificate == null) {
            throw new IllegalStateException("no key and certificate named " + name);
        }
        return new Signer(certificate, key);
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
