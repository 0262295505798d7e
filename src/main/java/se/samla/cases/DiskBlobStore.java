package se.samla.cases;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Blobs as files under one folder: {tenant}/{two hex}/{uuid}. Keys never come from user input. */
@Component
class DiskBlobStore implements BlobStore {

    private final Path root;

    DiskBlobStore(@Value("${samla.blobs.directory:data/blobs}") Path root) throws IOException {
        this.root = Files.createDirectories(root.toAbsolutePath());
    }

    @Override
    public String keep(Path temporaryFile, String tenant) throws IOException {
        String id = UUID.randomUUID().toString();
        String key = tenant + "/" + id.substring(0, 2) + "/" + id;
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Files.move(temporaryFile, target, StandardCopyOption.ATOMIC_MOVE);
        return key;
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(resolve(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    Path temporaryFile() throws IOException {
        Files.createDirectories(root.resolve("tmp"));
        return Files.createTempFile(root.resolve("tmp"), "upload-", ".part");
    }

    private Path resolve(String key) {
        if (!key.matches("[0-9a-f-]{36}/[0-9a-f]{2}/[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("not a blob key");
        }
        return root.resolve(key);
    }
}
