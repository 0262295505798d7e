package se.samla.fees;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.samla.platform.TenantTransactions;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * Takes in the payment files the bank's file transfer drops in {@code <folder>/<municipality>/}: each file is imported
 * as an upload would be, then moved to {@code done/}, or to {@code refused/} with the reason beside it. A file is
 * taken only once it has stopped growing, so one still being written waits for the next round.
 */
@Component
class PaymentFolder {

    static final String SYSTEM = "system:betalningsfiler";
    private static final Logger log = LoggerFactory.getLogger(PaymentFolder.class);

    private final Path folder;
    private final Tenants tenants;
    private final TenantTransactions transactions;
    private final PaymentImports imports;

    PaymentFolder(
            @Value("${samla.fees.payment-folder:}") String folder,
            Tenants tenants,
            TenantTransactions transactions,
            PaymentImports imports) {
        this.folder = folder == null || folder.isBlank() ? null : Path.of(folder);
        this.tenants = tenants;
        this.transactions = transactions;
        this.imports = imports;
    }

    @Scheduled(fixedDelayString = "${samla.fees.payment-folder-interval:PT1M}", initialDelayString = "PT1M")
    @SchedulerLock(name = "fees.payment-folder", lockAtMostFor = "PT30M")
    void takeIn() {
        if (folder == null) {
            return;
        }
        for (Tenant tenant : tenants.all()) {
            Path incoming = folder.resolve(tenant.slug());
            if (!Files.isDirectory(incoming)) {
                continue;
            }
            for (Path file : settled(incoming)) {
                takeIn(tenant, file);
            }
        }
    }

    /** Imports one file and moves it on; returns where it went. */
    Path takeIn(Tenant tenant, Path file) {
        Path directory = file.getParent();
        try {
            byte[] content = Files.readAllBytes(file);
            var imported = transactions.call(
                    tenant.id(), () -> imports.importFile(file.getFileName().toString(), content, SYSTEM));
            log.info(
                    "Payment file {} of {}: {} payments, {} matched{}",
                    file.getFileName(),
                    tenant.slug(),
                    imported.payments(),
                    imported.matched(),
                    imported.again() ? " (taken before; nothing changed)" : "");
            return move(file, directory.resolve("done"));
        } catch (PaymentImports.Refused e) {
            log.warn(
                    "Payment file {} of {} refused at line {}: {}",
                    file.getFileName(),
                    tenant.slug(),
                    e.line(),
                    e.getMessage());
            try {
                Path refused = move(file, directory.resolve("refused"));
                Files.writeString(
                        refused.resolveSibling(refused.getFileName() + ".reason.txt"),
                        (e.line() > 0 ? "Rad " + e.line() + ": " : "") + e.getMessage() + System.lineSeparator(),
                        StandardCharsets.UTF_8);
                return refused;
            } catch (IOException io) {
                throw new IllegalStateException("Cannot move the refused payment file " + file, io);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the payment file " + file, e);
        }
    }

    /** The files that have not changed for a while: done being written. */
    private static List<Path> settled(Path directory) {
        long now = System.currentTimeMillis();
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> {
                        try {
                            return now - Files.getLastModifiedTime(f).toMillis() > 10_000;
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            log.warn("Cannot list the payment folder {}: {}", directory, e.getMessage());
            return List.of();
        }
    }

    /** Moves the file into the folder; a file of the same name there is kept, and this one numbered beside it. */
    private static Path move(Path file, Path to) throws IOException {
        Files.createDirectories(to);
        Path target = to.resolve(file.getFileName());
        for (int n = 2; Files.exists(target); n++) {
            target = to.resolve(file.getFileName() + "." + n);
        }
        return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
