package se.samla.reports;

import java.io.IOException;

/** Test photos for other packages' tests (the browser journey). */
public final class PhotoCleanerTestPhotos {

    private PhotoCleanerTestPhotos() {}

    /** A JPEG carrying EXIF with a camera name and a GPS position. */
    public static byte[] withGpsExif(int width, int height) throws IOException {
        return PhotoCleanerTest.photoWithGpsExif(width, height);
    }
}
