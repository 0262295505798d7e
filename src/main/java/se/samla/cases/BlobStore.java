package se.samla.cases;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** Where file contents live, apart from the case rows: a folder on disk by default. */
interface BlobStore {

    /** Moves a finished temporary file into the store and returns its key. */
    String keep(Path temporaryFile, String tenant) throws IOException;

    InputStream open(String key) throws IOException;

    void delete(String key) throws IOException;
}
