package se.samla.reports;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
 * EXIF (GPS position, camera, time) and any other metadata or hidden content are gone.
 */
final class PhotoCleaner {

    static final int LONGEST_EDGE = 1600;
    /** Refuses images whose pixels would not fit in memory before decoding them (a "decompression bomb"). */
    static final long MAX_PIXELS = 40_000_000L;
    static final int MAX_INPUT_BYTES = 10 * 1024 * 1024;

    enum Problem { TOO_LARGE, NOT_AN_IMAGE, TOO_MANY_PIXELS }

    record Cleaned(byte[] jpeg, Problem problem) {
        static Cleaned refused(Problem problem) {
            return new Cleaned(null, problem);
        }
    }

    private PhotoCleaner() {
    }

    static Cleaned clean(byte[] original) {
        if (original.length > MAX_INPUT_BYTES) {
            return Cleaned.refused(Problem.TOO_LARGE);
        }
        try {
            Optional<BufferedImage> decoded = decode(original);
            if (decoded.isEmpty()) {
                return Cleaned.refused(Problem.NOT_AN_IMAGE);
            }
            return new Cleaned(encode(scaled(decoded.get())), null);
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

    /** The picture at most LONGEST_EDGE wide or high, on white where it was transparent, in plain RGB. */
    private static BufferedImage scaled(BufferedImage source) {
        double factor = Math.min(1.0, (double) LONGEST_EDGE / Math.max(source.getWidth(), source.getHeight()));
        int width = Math.max(1, (int) Math.round(source.getWidth() * factor));
        int height = Math.max(1, (int) Math.round(source.getHeight() * factor));
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
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
