package se.samla.web;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A PDF as a page answers it: never cached (it holds personal data), never sniffed into another type. */
public final class PdfResponses {

    private PdfResponses() {}

    /** Shown in the browser, e.g. a letter a resident opens. */
    public static ResponseEntity<byte[]> inline(byte[] pdf, String filename) {
        return answer(pdf, ContentDisposition.inline(), filename);
    }

    /** Saved to a file, e.g. a print batch. */
    public static ResponseEntity<byte[]> attachment(byte[] pdf, String filename) {
        return answer(pdf, ContentDisposition.attachment(), filename);
    }

    private static ResponseEntity<byte[]> answer(byte[] pdf, ContentDisposition.Builder disposition, String filename) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        disposition
                                .filename(filename, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(pdf);
    }
}
