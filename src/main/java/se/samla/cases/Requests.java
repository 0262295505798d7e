package se.samla.cases;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ResponseStatusException;
import se.samla.identity.CurrentUser;
import se.samla.identity.SignedInUser;

/** What the case pages share about requests: who asks, ids in paths, and files shown in the browser. */
final class Requests {

    private Requests() {}

    static SignedInUser.Resident resident() {
        return CurrentUser.get()
                .filter(SignedInUser.Resident.class::isInstance)
                .map(SignedInUser.Resident.class::cast)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    static SignedInUser.Staff staff() {
        return CurrentUser.requireStaff();
    }

    /** An id from a path; anything that is not one is simply not found. */
    static UUID id(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    /** A stored file, shown in the browser, never cached, never sniffed into another type. */
    static ResponseEntity<InputStreamResource> inline(Attachments.Stored stored, InputStream content) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(stored.attachment().contentType()))
                .contentLength(stored.attachment().sizeBytes())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                                .filename(stored.attachment().filename(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(new InputStreamResource(content));
    }
}
