package se.samla.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;

/** A reporter's photo is kept as new pixels only: no EXIF position or camera, scaled down, and only real images. */
class PhotoCleanerTest {

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
        if ("unknown".equals(node.getNodeName()) && node.getAttributes().getNamedItem("MarkerTag") != null
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
        assertThat(app1Segments(original)).as("the test photo really carries EXIF").hasSize(1);
        assertThat(contains(original, "SamlaCam".getBytes(StandardCharsets.US_ASCII))).isTrue();

        var cleaned = PhotoCleaner.clean(original);

        assertThat(cleaned.problem()).isNull();
        assertThat(app1Segments(cleaned.jpeg())).as("no EXIF (APP1) segment").isEmpty();
        assertThat(contains(cleaned.jpeg(), "Exif".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(contains(cleaned.jpeg(), "SamlaCam".getBytes(StandardCharsets.US_ASCII))).isFalse();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(cleaned.jpeg()));
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(480);
        assertThat(new Color(image.getRGB(10, 10)).getRed()).as("still the same picture").isGreaterThan(150);
    }

    @Test
    void aCameraStyleJpegWithExifInsteadOfJfifIsCleanedToo() throws IOException {
        byte[] withJfif = photoWithGpsExif(64, 48);
        int app0End = 4 + (((withJfif[4] & 0xFF) << 8) | (withJfif[5] & 0xFF));
        ByteArrayOutputStream camera = new ByteArrayOutputStream();
        camera.write(withJfif, 0, 2);
        camera.write(withJfif, app0End, withJfif.length - app0End);
        byte[] original = camera.toByteArray();
        assertThat(contains(original, "SamlaCam".getBytes(StandardCharsets.US_ASCII))).isTrue();

        var cleaned = PhotoCleaner.clean(original);

        assertThat(cleaned.problem()).isNull();
        assertThat(contains(cleaned.jpeg(), "SamlaCam".getBytes(StandardCharsets.US_ASCII))).isFalse();
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
        assertThat(PhotoCleaner.clean("<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)).problem())
                .isEqualTo(PhotoCleaner.Problem.NOT_AN_IMAGE);
        byte[] truncated = new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16};
        assertThat(PhotoCleaner.clean(truncated).problem()).isEqualTo(PhotoCleaner.Problem.NOT_AN_IMAGE);
        assertThat(PhotoCleaner.clean(new byte[0]).problem()).isEqualTo(PhotoCleaner.Problem.NOT_AN_IMAGE);
    }

    @Test
    void anOversizedFileIsRefusedBeforeDecoding() {
        assertThat(PhotoCleaner.clean(new byte[PhotoCleaner.MAX_INPUT_BYTES + 1]).problem())
                .isEqualTo(PhotoCleaner.Problem.TOO_LARGE);
    }

    @Test
    void anImageClaimingHugeDimensionsIsRefusedWithoutDecodingIt() throws IOException {
        // a PNG header saying 20,000 x 20,000 pixels (400 megapixels), with almost no data behind it
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(20_000).putInt(20_000)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        png.write(ByteBuffer.allocate(4).putInt(13).array());
        png.write(ihdr.array());
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        png.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        assertThat(PhotoCleaner.clean(png.toByteArray()).problem()).isEqualTo(PhotoCleaner.Problem.TOO_MANY_PIXELS);
    }
}
