package se.samla.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Node;

/**
 * A reporter's photo is kept as new pixels only: no EXIF position or camera, turned the way the phone showed it,
 * scaled down, and only real images.
 */
class PhotoCleanerTest {

    private static final Color MARK = new Color(230, 20, 20);
    private static final Color BACKGROUND = new Color(40, 90, 200);

    /** A camera photo: a JPEG with an EXIF block naming the camera and the GPS position 58°22'50" N. */
    static byte[] photoWithGpsExif(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(200, 40, 40));
        g.fillRect(0, 0, width, height / 2);
        g.dispose();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", plain);
        byte[] jpeg = plain.toByteArray();
        byte[] exif = exifSegment();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // after SOI and the JFIF APP0 segment, where ImageIO's reader accepts other application segments
        int app0End = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        out.write(jpeg, 0, app0End);
        out.write(exif);
        out.write(jpeg, app0End, jpeg.length - app0End);
        return out.toByteArray();
    }

    /** APP1 "Exif": big-endian TIFF with IFD0 (Make, GPSInfo pointer) and a GPS IFD (latitude ref and latitude). */
    private static byte[] exifSegment() {
        ByteBuffer tiff = ByteBuffer.allocate(200);
        tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
        // IFD0 at 8: two entries, then the next-IFD offset
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x010F).putShort((short) 2).putInt(9).putInt(50); // Make, ASCII, 9 bytes at 50
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(60); // GPSInfo, LONG, -> 60
        tiff.putInt(0);
        tiff.position(50);
        tiff.put("SamlaCam\0".getBytes(StandardCharsets.US_ASCII));
        tiff.position(60);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put("N\0\0\0".getBytes(StandardCharsets.US_ASCII));
        tiff.putShort((short) 0x0002).putShort((short) 5).putInt(3).putInt(100); // GPSLatitude, 3 RATIONALs at 100
        tiff.putInt(0);
        tiff.position(100);
        tiff.putInt(58).putInt(1).putInt(22).putInt(1).putInt(5000).putInt(100);
        byte[] body = new byte[124];
        tiff.flip();
        tiff.get(body, 0, Math.min(body.length, tiff.limit()));
        ByteBuffer segment = ByteBuffer.allocate(2 + 2 + 6 + body.length);
        segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + body.length));
        segment.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII)).put(body);
        return segment.array();
    }

    /** The APP1 segments ImageIO's JPEG reader finds in the file (marker 225). */
    static List<byte[]> app1Segments(byte[] jpeg) throws IOException {
        List<byte[]> found = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            IIOMetadata metadata = reader.getImageMetadata(0);
            Node root = metadata.getAsTree("javax_imageio_jpeg_image_1.0");
            collect(root, found);
            reader.dispose();
        }
        return found;
    }

    private static void collect(Node node, List<byte[]> found) {
        if ("unknown".equals(node.getNodeName())
                && node.getAttributes().getNamedItem("MarkerTag") != null
                && "225".equals(node.getAttributes().getNamedItem("MarkerTag").getNodeValue())) {
            found.add((byte[]) ((javax.imageio.metadata.IIOMetadataNode) node).getUserObject());
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            collect(child, found);
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void aPhotoComesBackWithoutItsGpsPositionOrCamera() throws IOException {
        byte[] original = photoWithGpsExif(640, 480);
        assertThat(app1Segments(original))
                .as("the test photo really carries EXIF")
                .hasSize(1);
        assertThat(contains(original, "SamlaCam".getBytes(StandardCharsets.US_ASCII)))
                .isTrue();

        var cleaned = PhotoCleaner.clean(original);

        assertThat(cleaned.problem()).isNull();
        assertThat(app1Segments(cleaned.jpeg())).as("no EXIF (APP1) segment").isEmpty();
        assertThat(contains(cleaned.jpeg(), "Exif".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(contains(cleaned.jpeg(), "SamlaCam".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(cleaned.jpeg()));
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(480);
        assertThat(new Color(image.getRGB(10, 10)).getRed())
                .as("still the same picture")
                .isGreaterThan(150);
    }

    /**
     * A 200 x 100 phone photo stored the way the sensor saw it, with its top-left corner marked red, carrying EXIF
     * with the given Orientation, a camera name and a GPS position.
     */
    static byte[] markedPhotoWithOrientation(int width, int height, int orientation, ByteOrder order)
            throws IOException {
        return withApp1(markedJpeg(width, height), exifApp1(orientationTiff(orientation, order)));
    }

    private static byte[] markedJpeg(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, width, height);
        g.setColor(MARK);
        g.fillRect(0, 0, width / 5, height / 3);
        g.dispose();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", plain);
        return plain.toByteArray();
    }

    /** The JPEG with the segment put after SOI and the JFIF APP0 segment, as a phone's file has it. */
    private static byte[] withApp1(byte[] jpeg, byte[] segment) {
        int app0End = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, app0End);
        out.write(segment, 0, segment.length);
        out.write(jpeg, app0End, jpeg.length - app0End);
        return out.toByteArray();
    }

    private static byte[] exifApp1(byte[] tiff) {
        ByteBuffer segment = ByteBuffer.allocate(2 + 2 + 6 + tiff.length);
        segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + tiff.length));
        segment.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII)).put(tiff);
        return segment.array();
    }

    /** TIFF with IFD0 (Make, Orientation, GPSInfo pointer) and a GPS IFD (latitude ref and latitude). */
    private static byte[] orientationTiff(int orientation, ByteOrder order) {
        ByteBuffer tiff = ByteBuffer.allocate(114).order(order);
        tiff.put((order == ByteOrder.BIG_ENDIAN ? "MM" : "II").getBytes(StandardCharsets.US_ASCII));
        tiff.putShort((short) 42).putInt(8);
        // IFD0 at 8: three entries in tag order, then the next-IFD offset; it ends at 50
        tiff.putShort((short) 3);
        tiff.putShort((short) 0x010F).putShort((short) 2).putInt(9).putInt(50); // Make, ASCII, 9 bytes at 50
        tiff.putShort((short) 0x0112)
                .putShort((short) 3)
                .putInt(1)
                .putShort((short) orientation)
                .putShort((short) 0);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(60); // GPSInfo, LONG, -> 60
        tiff.putInt(0);
        tiff.put("SamlaCam\0".getBytes(StandardCharsets.US_ASCII));
        tiff.position(60);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put("N\0\0\0".getBytes(StandardCharsets.US_ASCII));
        tiff.putShort((short) 0x0002).putShort((short) 5).putInt(3).putInt(90); // GPSLatitude, 3 RATIONALs at 90
        tiff.putInt(0);
        tiff.putInt(58).putInt(1).putInt(22).putInt(1).putInt(5000).putInt(100);
        return tiff.array();
    }

    private static BufferedImage decoded(byte[] jpeg) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(jpeg));
    }

    /** Which corner of the picture is red: "top-left", "top-right", "bottom-left", "bottom-right", or "none". */
    private static String markedCorner(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        List<String> marked = new ArrayList<>();
        int[][] points = {{5, 5}, {w - 6, 5}, {5, h - 6}, {w - 6, h - 6}};
        String[] names = {"top-left", "top-right", "bottom-left", "bottom-right"};
        for (int i = 0; i < points.length; i++) {
            Color c = new Color(image.getRGB(points[i][0], points[i][1]));
            if (c.getRed() > 180 && c.getGreen() < 90 && c.getBlue() < 90) {
                marked.add(names[i]);
            }
        }
        return marked.isEmpty() ? "none" : String.join(",", marked);
    }

    @ParameterizedTest(name = "orientation {0} ({3})")
    @CsvSource({
        // orientation, width, height shown, where the stored top-left corner is seen, TIFF byte order
        "1, 200, 100, top-left,     BIG_ENDIAN",
        "2, 200, 100, top-right,    LITTLE_ENDIAN",
        "3, 200, 100, bottom-right, BIG_ENDIAN",
        "4, 200, 100, bottom-left,  LITTLE_ENDIAN",
        "5, 100, 200, top-left,     BIG_ENDIAN",
        "6, 100, 200, top-right,    BIG_ENDIAN",
        "6, 100, 200, top-right,    LITTLE_ENDIAN",
        "7, 100, 200, bottom-right, LITTLE_ENDIAN",
        "8, 100, 200, bottom-left,  BIG_ENDIAN",
        "8, 100, 200, bottom-left,  LITTLE_ENDIAN",
    })
    void aPhotoIsTurnedTheWayItsExifOrientationSaysBeforeItsExifIsDropped(
            int orientation, int width, int height, String corner, String order) throws IOException {
        ByteOrder byteOrder = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] original = markedPhotoWithOrientation(200, 100, orientation, byteOrder);
        assertThat(PhotoCleaner.exifOrientation(original))
                .as("the test photo's EXIF is readable")
                .isEqualTo(orientation);
        assertThat(markedCorner(decoded(original)))
                .as("stored with the mark at the top left")
                .isEqualTo("top-left");

        var cleaned = PhotoCleaner.clean(original);

        assertThat(cleaned.problem()).isNull();
        BufferedImage image = decoded(cleaned.jpeg());
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        assertThat(markedCorner(image)).isEqualTo(corner);
        assertThat(new Color(image.getRGB(width / 2, height / 2)))
                .as("the rest is the background")
                .satisfies(c -> assertThat(c.getBlue()).isGreaterThan(150));
        // turned pixels and no EXIF: a viewer must not turn the picture a second time, nor find the position
        assertThat(app1Segments(cleaned.jpeg())).as("no EXIF (APP1) segment").isEmpty();
        assertThat(contains(cleaned.jpeg(), "Exif".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(contains(cleaned.jpeg(), "SamlaCam".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(PhotoCleaner.exifOrientation(cleaned.jpeg())).isEqualTo(1);
    }

    @Test
    void aLargePortraitPhotoIsCappedAtTheLongestEdgeAfterTurning() throws IOException {
        var cleaned = PhotoCleaner.clean(markedPhotoWithOrientation(3000, 1000, 6, ByteOrder.BIG_ENDIAN));

        assertThat(cleaned.problem()).isNull();
        BufferedImage image = decoded(cleaned.jpeg());
        assertThat(image.getWidth()).isEqualTo(533);
        assertThat(image.getHeight()).isEqualTo(PhotoCleaner.LONGEST_EDGE);
        assertThat(markedCorner(image)).isEqualTo("top-right");
    }

    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {0, 9, 255, 65535})
    void anOrientationOutsideOneToEightLeavesThePhotoAsStored(int orientation) throws IOException {
        byte[] original = markedPhotoWithOrientation(200, 100, orientation, ByteOrder.BIG_ENDIAN);

        var cleaned = PhotoCleaner.clean(original);

        assertThat(cleaned.problem()).isNull();
        BufferedImage image = decoded(cleaned.jpeg());
        assertThat(image.getWidth()).isEqualTo(200);
        assertThat(image.getHeight()).isEqualTo(100);
        assertThat(markedCorner(image)).isEqualTo("top-left");
    }

    @Test
    void aPhotoWithACorruptExifBlockStillComesOutAsStored() throws IOException {
        byte[] valid = orientationTiff(6, ByteOrder.BIG_ENDIAN);
        byte[] badByteOrder = valid.clone();
        badByteOrder[0] = 'X';
        badByteOrder[1] = 'Y';
        byte[] ifdInsideText = valid.clone();
        // IFD0 said to start in the Make text, whose "Sa" reads as 21,345 entries
        // (an offset past the end would not do: the library then tries IFD0 at 8, as cameras' bugs need)
        ByteBuffer.wrap(ifdInsideText).putInt(4, 50);
        byte[] entryCountPastTheEnd = valid.clone();
        ByteBuffer.wrap(entryCountPastTheEnd).putShort(8, (short) 0x7FFF);
        byte[] orientationValueOutOfBounds = valid.clone();
        // the Orientation entry claims 1,000 SHORTs, so its values are looked for at an offset far past the end
        ByteBuffer.wrap(orientationValueOutOfBounds)
                .putInt(8 + 2 + 12 + 4, 1000)
                .putInt(8 + 2 + 12 + 8, 0x00FF_FFFF);
        byte[] truncated = java.util.Arrays.copyOf(valid, 20);
        byte[] noise = new byte[64];
        new java.util.Random(12).nextBytes(noise);

        var corrupt = new java.util.LinkedHashMap<String, byte[]>();
        corrupt.put("bad byte order", badByteOrder);
        corrupt.put("IFD0 inside text", ifdInsideText);
        corrupt.put("entry count past the end", entryCountPastTheEnd);
        corrupt.put("orientation value out of bounds", orientationValueOutOfBounds);
        corrupt.put("truncated", truncated);
        corrupt.put("noise", noise);
        corrupt.put("empty", new byte[0]);
        for (var entry : corrupt.entrySet()) {
            byte[] original = withApp1(markedJpeg(200, 100), exifApp1(entry.getValue()));
            assertThat(PhotoCleaner.exifOrientation(original))
                    .as(entry.getKey())
                    .isEqualTo(1);

            var cleaned = PhotoCleaner.clean(original);

            assertThat(cleaned.problem()).as(entry.getKey()).isNull();
            BufferedImage image = decoded(cleaned.jpeg());
            assertThat(image.getWidth()).as(entry.getKey()).isEqualTo(200);
            assertThat(image.getHeight()).as(entry.getKey()).isEqualTo(100);
            assertThat(markedCorner(image)).as(entry.getKey()).isEqualTo("top-left");
            assertThat(app1Segments(cleaned.jpeg())).as(entry.getKey()).isEmpty();
        }
    }

    @Test
    void aPhotoWithoutExifIsLeftAsStored() throws IOException {
        var cleaned = PhotoCleaner.clean(markedJpeg(200, 100));

        assertThat(cleaned.problem()).isNull();
        BufferedImage image = decoded(cleaned.jpeg());
        assertThat(image.getWidth()).isEqualTo(200);
        assertThat(markedCorner(image)).isEqualTo("top-left");
    }

    @Test
    void aCameraStyleJpegWithExifInsteadOfJfifIsCleanedToo() throws IOException {
        byte[] withJfif = photoWithGpsExif(64, 48);
        int app0End = 4 + (((withJfif[4] & 0xFF) << 8) | (withJfif[5] & 0xFF));
        ByteArrayOutputStream camera = new ByteArrayOutputStream();
        camera.write(withJfif, 0, 2);
        camera.write(withJfif, app0End, withJfif.length - app0End);
        byte[] original = camera.toByteArray();
        assertThat(contains(original, "SamlaCam".getBytes(StandardCharsets.US_ASCII)))
                .isTrue();

        var cleaned = PhotoCleaner.clean(original);

        assertThat(cleaned.problem()).isNull();
        assertThat(contains(cleaned.jpeg(), "SamlaCam".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(app1Segments(cleaned.jpeg())).isEmpty();
    }

    @Test
    void aLargePhotoIsScaledDownToTheLongestEdge() throws IOException {
        var cleaned = PhotoCleaner.clean(photoWithGpsExif(4000, 1000));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(cleaned.jpeg()));
        assertThat(image.getWidth()).isEqualTo(PhotoCleaner.LONGEST_EDGE);
        assertThat(image.getHeight()).isEqualTo(400);
    }

    @Test
    void aTransparentPngBecomesAJpegOnWhite() throws IOException {
        BufferedImage png = new BufferedImage(20, 20, BufferedImage.TYPE_INT_ARGB);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(png, "png", bytes);
        var cleaned = PhotoCleaner.clean(bytes.toByteArray());
        assertThat(cleaned.problem()).isNull();
        assertThat(cleaned.jpeg()[0] & 0xFF).isEqualTo(0xFF);
        assertThat(cleaned.jpeg()[1] & 0xFF).isEqualTo(0xD8);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(cleaned.jpeg()));
        assertThat(new Color(image.getRGB(5, 5))).isEqualTo(Color.WHITE);
    }

    @Test
    void whatIsNotAnImageIsRefused() {
        assertThat(PhotoCleaner.clean("<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8))
                        .problem())
                .isEqualTo(PhotoCleaner.Problem.NOT_AN_IMAGE);
        byte[] truncated = new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16};
        assertThat(PhotoCleaner.clean(truncated).problem()).isEqualTo(PhotoCleaner.Problem.NOT_AN_IMAGE);
        assertThat(PhotoCleaner.clean(new byte[0]).problem()).isEqualTo(PhotoCleaner.Problem.NOT_AN_IMAGE);
    }

    @Test
    void anOversizedFileIsRefusedBeforeDecoding() {
        assertThat(PhotoCleaner.clean(new byte[PhotoCleaner.MAX_INPUT_BYTES + 1])
                        .problem())
                .isEqualTo(PhotoCleaner.Problem.TOO_LARGE);
    }

    @Test
    void anImageClaimingHugeDimensionsIsRefusedWithoutDecodingIt() throws IOException {
        // a PNG header saying 20,000 x 20,000 pixels (400 megapixels), with almost no data behind it
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(20_000)
                .putInt(20_000)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        png.write(ByteBuffer.allocate(4).putInt(13).array());
        png.write(ihdr.array());
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        png.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        assertThat(PhotoCleaner.clean(png.toByteArray()).problem()).isEqualTo(PhotoCleaner.Problem.TOO_MANY_PIXELS);
    }
}
