package se.samla.identity;

import java.io.Serializable;
import java.time.Instant;

/**
 * A person's signature made with their e-ID, as their identity provider returned it (OIDC Sweden's
 * {@code https://id.oidc.se/claim/userSignature}), with what Samla found when it checked it.
 *
 * @param personalIdentityNumber who signed, twelve digits
 * @param name                   their name, as the provider gave it
 * @param signedAt               when they signed (the ID token's auth_time)
 * @param tbsData                what was signed, base64
 * @param signature              the provider's signature, kept as it came so that anyone can check it again
 * @param certificateSubject     the subject of the certificate that made it
 * @param certificateIssuer      who issued that certificate
 */
public record UserSignature(
        String personalIdentityNumber,
        String name,
        Instant signedAt,
        String tbsData,
        String signature,
        String certificateSubject,
        String certificateIssuer)
        implements Serializable {}
