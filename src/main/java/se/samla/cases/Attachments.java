package se.samla.cases;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.tika.Tika;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.catalog.FormField;
import se.samla.shared.CurrentTenant;

/**
 * Receives files: the type is told by the content, not the name, the size is checked while reading,
 * a SHA-256 is kept, and the content goes to the blob store.
 */
@Service
class Attachments {

    private static final Tika TIKA = new Tika();

    private final JdbcClient jdbc;
    private final DiskBlobStore blobs;

    Attachments(JdbcClient jdbc, DiskBlobStore blobs) {
        this.jdbc = jdbc;
        this.blobs = blobs;
    }

    interface Content {
        InputStream open() throws IOException;
    }

    /** What is wrong with a file (size, type), found without keeping it; null when it would be accepted. */
    FieldError inspect(FormField field, String filename, long declaredSize, Content content) {
        String name = cleanName(filename);
        if (declaredSize > field.effectiveMaxBytes()) {
            return FieldError.of(
                    field.key(), "form.error.file-too-large", name, field.effectiveMaxBytes() / (1024 * 1024));
        }
        try (InputStream in = new BufferedInputStream(content.open())) {
            String type = TIKA.detect(in);
            long size = in.transferTo(OutputStream.nullOutputStream());
            if (size == 0 && declaredSize == 0) {
                return FieldError.of(field.key(), "form.error.file-empty", name);
            }
            return field.accept().contains(type)
                    ? null
                    : FieldError.of(field.key(), "form.error.file-type", name, String.join(", ", field.accept()));
        } catch (IOException e) {
            throw new IllegalStateException("Could not read a file", e);
        }
    }

    /** The same for content from elsewhere (the API), with the size it claims to have. */
    @Transactional
    FieldError receive(
            UUID submissionId,
            FormField field,
            String filename,
            long declaredSize,
            Content content,
            String uploadedBy) {
        String name = cleanName(filename);
        if (declaredSize > field.effectiveMaxBytes()) {
            return FieldError.of(
                    field.key(), "form.error.file-too-large", name, field.effectiveMaxBytes() / (1024 * 1024));
        }
        Path temporary = null;
        try {
            temporary = blobs.temporaryFile();
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size;
            try (InputStream in = content.open();
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(temporary), sha256)) {
                size = in.transferTo(out);
            }
            if (size == 0) {
                return FieldError.of(field.key(), "form.error.file-empty", name);
            }
            if (size > field.effectiveMaxBytes()) {
                return FieldError.of(
                        field.key(), "form.error.file-too-large", name, field.effectiveMaxBytes() / (1024 * 1024));
            }
            String type;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(temporary))) {
                type = TIKA.detect(in);
            }
            if (!field.accept().contains(type)) {
                return FieldError.of(field.key(), "form.error.file-type", name, String.join(", ", field.accept()));
            }
            String sha = HexFormat.of().formatHex(sha256.digest());
            boolean already = jdbc.sql("""
                    SELECT count(*) FROM cases.attachment
                    WHERE tenant_id = :tenant AND submission_id = :s AND case_id IS NULL AND field_key = :f AND sha256 = :sha
                    """)
                            .param("tenant", CurrentTenant.require().value())
                            .param("s", submissionId)
                            .param("f", field.key())
                            .param("sha", sha)
                            .query(Integer.class)
                            .single()
                    > 0;
            if (already) {
                // the same file sent again (a double click, a retry) is kept once
                return null;
            }
            String key = blobs.keep(temporary, CurrentTenant.require().toString());
            temporary = null;
            forgetOnRollback(key);
            jdbc.sql("""
                    INSERT INTO cases.attachment (id, tenant_id, submission_id, field_key, filename, content_type,
                        size_bytes, sha256, blob_key, uploaded_at, uploaded_by)
                    VALUES (:id, :tenant, :submission, :field, :name, :type, :size, :sha, :key, now(), :by)
                    """)
                    .param("id", UUID.randomUUID())
                    .param("tenant", CurrentTenant.require().value())
                    .param("submission", submissionId)
                    .param("field", field.key())
                    .param("name", name)
                    .param("type", type)
                    .param("size", size)
                    .param("sha", sha)
                    .param("key", key)
                    .param("by", uploadedBy)
                    .update();
            return null;
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Could not store an uploaded file", e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }

    /** Content kept for a row that is rolled back is referenced by nothing: it goes with the row. */
    private void forgetOnRollback(String key) {
        if (!org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        if (status == STATUS_ROLLED_BACK) {
                            try {
                                blobs.delete(key);
                            } catch (IOException e) {
                                org.slf4j.LoggerFactory.getLogger(Attachments.class)
                                        .warn(
                                                "Could not delete the content of a rolled back upload: {}",
                                                e.getMessage());
                            }
                        }
                    }
                });
    }

    @Transactional(readOnly = true)
    List<Attachment> pending(UUID submissionId) {
        return jdbc.sql(
                        "SELECT * FROM cases.attachment WHERE tenant_id = :tenant AND submission_id = :s AND case_id IS NULL ORDER BY uploaded_at")
                .param("tenant", CurrentTenant.require().value())
                .param("s", submissionId)
                .query(Attachments::map)
                .list();
    }

    @Transactional
    void removePending(UUID submissionId, List<UUID> ids) {
        for (UUID id : ids) {
            jdbc.sql(
                            "SELECT blob_key FROM cases.attachment WHERE tenant_id = :tenant AND id = :id AND submission_id = :s AND case_id IS NULL")
                    .param("tenant", CurrentTenant.require().value())
                    .param("id", id)
                    .param("s", submissionId)
                    .query(String.class)
                    .optional()
                    .ifPresent(key -> {
                        jdbc.sql("DELETE FROM cases.attachment WHERE tenant_id = :tenant AND id = :id")
                                .param("tenant", CurrentTenant.require().value())
                                .param("id", id)
                                .update();
                        try {
                            blobs.delete(key);
                        } catch (IOException e) {
                            throw new IllegalStateException("Could not remove a file", e);
                        }
                    });
        }
    }

    /** Hands the submission's files over to the case; part of the submission's transaction. */
    void attachToCase(UUID submissionId, UUID caseId) {
        jdbc.sql(
                        "UPDATE cases.attachment SET case_id = :c WHERE tenant_id = :tenant AND submission_id = :s AND case_id IS NULL")
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .param("s", submissionId)
                .update();
    }

    @Transactional(readOnly = true)
    List<Attachment> ofCase(UUID caseId) {
        return jdbc.sql(
                        "SELECT * FROM cases.attachment WHERE tenant_id = :tenant AND case_id = :c ORDER BY uploaded_at")
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .query(Attachments::map)
                .list();
    }

    /** The stored content of a case's file, with what is known about it. */
    @Transactional(readOnly = true)
    java.util.Optional<Stored> content(UUID caseId, UUID attachmentId) {
        return jdbc.sql(
                        "SELECT *, blob_key FROM cases.attachment WHERE tenant_id = :tenant AND id = :id AND case_id = :c")
                .param("tenant", CurrentTenant.require().value())
                .param("id", attachmentId)
                .param("c", caseId)
                .query((rs, n) -> new Stored(map(rs, n), rs.getString("blob_key")))
                .optional();
    }

    /** A file that came under the submission, whether it still waits or went to the case the submission opened. */
    @Transactional(readOnly = true)
    java.util.Optional<Stored> ofSubmission(UUID submissionId, UUID attachmentId) {
        return jdbc.sql("SELECT * FROM cases.attachment WHERE tenant_id = :tenant AND id = :id AND submission_id = :s")
                .param("tenant", CurrentTenant.require().value())
                .param("id", attachmentId)
                .param("s", submissionId)
                .query((rs, n) -> new Stored(map(rs, n), rs.getString("blob_key")))
                .optional();
    }

    InputStream open(Stored stored) throws IOException {
        return blobs.open(stored.blobKey());
    }

    record Stored(Attachment attachment, String blobKey) {}

    private static Attachment map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Timestamp at = rs.getTimestamp("uploaded_at");
        return new Attachment(
                rs.getObject("id", UUID.class),
                rs.getObject("case_id", UUID.class),
                rs.getString("field_key"),
                rs.getString("filename"),
                rs.getString("content_type"),
                rs.getLong("size_bytes"),
                rs.getString("sha256"),
                at == null ? Instant.EPOCH : at.toInstant());
    }

    /** The file's own name, without any folder part or control characters, at most 150 characters. */
    static String cleanName(String original) {
        String name = original == null ? "" : original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1)
                .replaceAll("[\\p{Cntrl}\"<>|*?:]", "_")
                .strip();
        if (name.isEmpty()) {
            name = "fil";
        }
        return name.length() > 150 ? name.substring(name.length() - 150) : name;
    }
}
