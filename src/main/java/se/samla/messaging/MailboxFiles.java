package se.samla.messaging;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;
import se.samla.cases.CaseIntake;

/** Files in and out of the secure mailbox's pages: those a form brought, and one shown in the browser. */
final class MailboxFiles {

    private MailboxFiles() {}

    /** The files the form sent under the message's file question; none for a form sent without files. */
    static List<CaseIntake.NewFile> of(HttpServletRequest request) {
        var multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        if (multipart == null) {
            return List.of();
        }
        return multipart.getMultiFileMap().getOrDefault("f." + CaseIntake.MESSAGE_FILES.key(), List.of()).stream()
                .filter(file -> !file.isEmpty())
                .map(MailboxFiles::newFile)
                .toList();
    }

    private static CaseIntake.NewFile newFile(MultipartFile file) {
        return new CaseIntake.NewFile(
                CaseIntake.MESSAGE_FILES.key(), file.getOriginalFilename(), file.getSize(), file::getInputStream);
    }

    /** A kept file, shown in the browser, never cached, never sniffed into another type. */
    static ResponseEntity<InputStreamResource> inline(CaseIntake.HeldFile held) throws IOException {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(held.file().contentType()))
                .contentLength(held.file().sizeBytes())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                                .filename(held.file().filename(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(new InputStreamResource(held.content().open()));
    }
}
