package se.samla.reports;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Makes a reporter's photo safe to keep: decodes it, scales it down to at most {@link #LONGEST_EDGE}
 * pixels, and writes a new JPEG from the pixels alone. Nothing of the original file survives, so its
 * EXIF (GPS position, camera, time) and any other metadata or hidden content are gone. Only the EXIF
 * Orientation is honoured first, by turning the pixels, because the new file has no EXIF to say it and a phone's
 * portrait photo would otherwise be shown sideways.
 */
final class PhotoCleaner {

    static final int LONGEST_EDGE = 1600;
    /** Refuses images whose pixels would not fit in memory before decoding them (a "decompression bomb"). */
    static final long MAX_PIXELS = 40_000_000L;

    static final int MAX_INPUT_BYTES = 10 * 1024 * 1024;

    enum Problem {
        TOO_LARGE,
        NOT_AN_IMAGE,
        TOO_MANY_PIXELS
    }

    record Cleaned(byte[] jpeg, Problem problem) {
        static Cleaned refused(Problem problem) {
            return new Cleaned(null, problem);
        }
    }

    private PhotoCleaner() {}

    static Cleaned clean(byte[] original) {
        if (original.length > MAX_INPUT_BYTES) {
            return Cleaned.refused(Problem.TOO_LARGE);
        }
        try {
            int orientation = exifOrientation(original);
            Optional<BufferedImage> decoded = decode(original);
            if (decoded.isEmpty()) {
                return Cleaned.refused(Problem.NOT_AN_IMAGE);
            }
            return new Cleaned(encode(orientedAndScaled(decoded.get(), orientation)), null);
        } catch (TooManyPixels e) {
            return Cleaned.refused(Problem.TOO_MANY_PIXELS);
        } catch (IOException | RuntimeException e) {
            return Cleaned.refused(Problem.NOT_AN_IMAGE);
        }
    }

    private static final class TooManyPixels extends Exception {
        TooManyPixels() {
            super(null, null, false, false);
        }
    }

    /**
     * The EXIF Orientation (1 to 8) of a JPEG, or 1 where there is none to trust: a PNG, no EXIF, a damaged EXIF
     * block or a value outside 1 to 8. A photo is never refused over its metadata, since the metadata is dropped
     * anyway. Only the EXIF segment reader runs, so XMP, ICC and the rest of the file are not parsed for this.
     */
    static int exifOrientation(byte[] bytes) {
        if (bytes.length < 2 || (bytes[0] & 0xFF) != 0xFF || (bytes[1] & 0xFF) != 0xD8) {
            return 1;
        }
        try {
            Metadata metadata =
                    JpegMetadataReader.readMetadata(new ByteArrayInputStream(bytes), List.of(new ExifReader()));
            ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            Integer orientation = ifd0 == null ? null : ifd0.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
            return orientation != null && orientation >= 1 && orientation <= 8 ? orientation : 1;
        } catch (Exception e) {
            // hostile or broken metadata is the reporter's camera's fault, not a reason to lose the photo
            return 1;
        }
    }

    private static Optional<BufferedImage> decode(byte[] bytes) throws IOException, TooManyPixels {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            var readers = ImageIO.getImageReaders(in);
            while (readers.hasNext()) {
                ImageReader reader = readers.next();
                String format = reader.getFormatName().toLowerCase(java.util.Locale.ROOT);
                if (!format.equals("jpeg") && !format.equals("png")) {
                    continue;
                }
                try {
                    reader.setInput(in, true, true);
                    if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
                        throw new TooManyPixels();
                    }
                    return Optional.ofNullable(reader.read(0));
                } finally {
                    reader.dispose();
                }
            }
            return Optional.empty();
        }
    }

    /**
     * The picture as a viewer honouring the EXIF orientation shows it, at most LONGEST_EDGE wide or high, on white
     * where it was transparent, in plain RGB. Turning and scaling happen in one drawing, so a large photo is not
     * copied at full size once more just to be turned.
     */
    private static BufferedImage orientedAndScaled(BufferedImage source, int orientation) {
        // orientations 5 to 8 turn the picture a quarter, so the viewer's width is the stored height
        boolean quarterTurn = orientation >= 5;
        int shownWidth = quarterTurn ? source.getHeight() : source.getWidth();
        int shownHeight = quarterTurn ? source.getWidth() : source.getHeight();
        double factor = Math.min(1.0, (double) LONGEST_EDGE / Math.max(shownWidth, shownHeight));
        int width = Math.max(1, (int) Math.round(shownWidth * factor));
        int height = Math.max(1, (int) Math.round(shownHeight * factor));
        int drawnWidth = quarterTurn ? height : width;
        int drawnHeight = quarterTurn ? width : height;
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.transform(orientationTransform(orientation, drawnWidth, drawnHeight));
            g.drawImage(source, 0, 0, drawnWidth, drawnHeight, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    /**
     * Maps the stored picture, drawn w by h, to where the viewer sees it, following the EXIF 2.3 meaning of each
     * value (which stored edge is the viewer's top and left). Whole-pixel translations keep every pixel on the grid.
     */
    private static AffineTransform orientationTransform(int orientation, int w, int h) {
        // AffineTransform(m00, m10, m01, m11, m02, m12): x' = m00 x + m01 y + m02, y' = m10 x + m11 y + m12
        return switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0); // mirrored left to right
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h); // upside down
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h); // mirrored top to bottom
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0); // mirrored along the main diagonal
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0); // needs a quarter turn clockwise
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w); // mirrored along the other diagonal
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w); // needs a quarter turn anticlockwise
            default -> new AffineTransform();
        };
    }

    private static byte[] encode(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            // no metadata handed over: the writer makes a bare JFIF header and nothing else
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
