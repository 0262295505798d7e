package se.samla.records;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.text.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.cases.CaseHandling;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.Tenants;

/** Delivers closed, registered cases that are to be kept to the e-archive as FGS packages, one per case or a batch. */
@Service
class ArchiveExport {

    /** A case ready for delivery. */
    record Ready(UUID caseId, String reference, String title) {}

    private final JdbcClient jdbc;
    private final CaseHandling cases;
    private final Tenants tenants;
    private final TenantTransactions transactions;
    private final AuditLog audit;
    private final Clock clock;

    ArchiveExport(
            JdbcClient jdbc,
            CaseHandling cases,
            Tenants tenants,
            TenantTransactions transactions,
            AuditLog audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.tenants = tenants;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    List<Ready> ready() {
        return transactions.read(
                CurrentTenant.require(),
                () -> cases.closedToKeep(500).stream()
                        .map(id -> jdbc.sql(
                                        "SELECT reference, title FROM records.case_file WHERE tenant_id = :tenant AND case_id = :c")
                                .param("tenant", CurrentTenant.require().value())
                                .param("c", id)
                                .query((rs, n) -> new Ready(id, rs.getString(1), rs.getString(2)))
                                .optional())
                        .flatMap(Optional::stream)
                        .toList());
    }

    /** The package of one case; empty when the case is not closed, not to be kept or not registered. */
    Optional<byte[]> packageOf(UUID caseId, String byAuditId) {
        return transactions.call(CurrentTenant.require(), () -> {
            var facts = cases.archiveFacts(caseId).filter(f -> f.closedAt() != null && Boolean.TRUE.equals(f.keep()));
            if (facts.isEmpty()) {
                return Optional.<byte[]>empty();
            }
            var file = jdbc.sql(
                            "SELECT title, osl_provision FROM records.case_file WHERE tenant_id = :tenant AND case_id = :c")
                    .param("tenant", CurrentTenant.require().value())
                    .param("c", caseId)
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                    .optional();
            if (file.isEmpty()) {
                return Optional.<byte[]>empty();
            }
            var f = facts.get();
            List<ArchivePackage.DataFile> data = new ArrayList<>();
            List<ArchivePackage.Document> documents = new ArrayList<>();
            for (var row : jdbc.sql(
                            "SELECT * FROM records.entry WHERE tenant_id = :tenant AND case_id = :c ORDER BY number")
                    .param("tenant", CurrentTenant.require().value())
                    .param("c", caseId)
                    .query()
                    .listOfRows()) {
                int number = (Integer) row.get("number");
                String kind = (String) row.get("kind");
                UUID source = (UUID) row.get("source_id");
                String name = null;
                if ("FILE".equals(kind)) {
                    var content = cases.file(caseId, source);
                    if (content.isPresent()) {
                        try (var in = content.get().content()) {
                            name = "%03d-%s"
                                    .formatted(number, safe(content.get().file().filename()));
                            data.add(new ArchivePackage.DataFile(
                                    name, content.get().file().contentType(), in.readAllBytes()));
                        } catch (IOException e) {
                            throw new IllegalStateException("Could not read a file of the case", e);
                        }
                    }
                } else {
                    String text = cases.documentText(caseId, kind, source).orElse((String) row.get("description"));
                    name = "%03d-%s.txt".formatted(number, safe((String) row.get("public_description")));
                    data.add(new ArchivePackage.DataFile(name, "text/plain", ArchivePackage.text(text)));
                }
                documents.add(new ArchivePackage.Document(
                        (UUID) row.get("id"),
                        number,
                        (String) row.get("description"),
                        (String) row.get("direction"),
                        (String) row.get("counterpart"),
                        ((java.sql.Timestamp) row.get("registered_at")).toInstant(),
                        (String) row.get("osl_provision"),
                        name));
            }
            var tenant = tenants.byId(CurrentTenant.require()).orElseThrow();
            String unitName =
                    tenants.unit(tenant.id(), f.unit()).map(u -> u.name().sv()).orElse(f.unit());
            var caseFile = new ArchivePackage.CaseFile(
                    caseId,
                    f.reference(),
                    file.get()[0],
                    f.caseType(),
                    f.status(),
                    f.submittedAt(),
                    f.closedAt(),
                    file.get()[1],
                    f.applicantName(),
                    f.applicantIdentityNumber(),
                    unitName,
                    f.resultName() == null
                            ? null
                            : f.resultName()
                                    + (f.decisionReasons() == null
                                            ? ""
                                            : ". " + f.decisionReasons()
                                                    + (f.decisionLegalReference() == null
                                                            ? ""
                                                            : " (" + f.decisionLegalReference() + ")")),
                    f.decidedAt(),
                    f.decidedBy(),
                    f.retentionReference(),
                    documents);
            var producer = new ArchivePackage.Producer(
                    tenant.name(), tenant.organisationNumber().toString());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                ArchivePackage.write(producer, caseFile, data, out, clock);
            } catch (IOException e) {
                throw new IllegalStateException("Could not write the package", e);
            }
            audit.record(new AuditRecord(
                    Actor.of(byAuditId),
                    "ARCHIVE_PACKAGE_MADE",
                    "case",
                    caseId.toString(),
                    Map.of(
                            "objid",
                            ArchivePackage.objectId(producer, caseFile),
                            "documents",
                            Integer.toString(documents.size()))));
            return Optional.of(out.toByteArray());
        });
    }

    /** Every ready case's package in one delivery: one folder per case under the batch's ZIP. */
    void batch(OutputStream out, String byAuditId) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Ready r : ready()) {
                var bytes = packageOf(r.caseId(), byAuditId);
                if (bytes.isEmpty()) {
                    continue;
                }
                try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(bytes.get()))) {
                    for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                        zip.putNextEntry(new ZipEntry(e.getName()));
                        in.transferTo(zip);
                        zip.closeEntry();
                    }
                }
            }
        }
    }

    /** A file name that any file system and archive accepts. */
    static String safe(String name) {
        String ascii = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9.]+", "-")
                .replaceAll("^-+|-+$", "");
        return ascii.isEmpty() ? "handling" : ascii.length() > 80 ? ascii.substring(0, 80) : ascii;
    }
}
