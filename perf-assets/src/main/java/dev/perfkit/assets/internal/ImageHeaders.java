package dev.perfkit.assets.internal;

import dev.perfkit.assets.ImageSize;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the size of a PNG, JPEG, GIF or WebP image from its header, and of an SVG from its root element
 * ({@link SvgSize}), without decoding pixels: at most {@link #MAX_HEADER} bytes are looked at (a JPEG's segments
 * are skipped by their lengths, not read). The format is recognised by the first bytes, so a JPEG named
 * {@code .png} is still measured; only an SVG is recognised by its name.
 *
 * <p>A file that is cut short or whose header is wrong is reported with {@link Unreadable}, never measured. Besides
 * a short header, truncation is detected where the format makes it certain: a PNG must end with its IEND chunk, a
 * GIF's blocks must lead to its trailer, a WebP must be as long as its RIFF header says. A JPEG may carry data after its end
 * marker (motion photos do), so for JPEG only a header cut short is detected. EXIF orientation is not applied.
 */
public final class ImageHeaders {
    /** The most bytes looked at: a JPEG's SOF marker must start within it, an SVG's root tag must end within it. */
    public static final int MAX_HEADER = 1 << 20;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] PNG_IEND = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xae, 0x42, 0x60, (byte) 0x82};

    /** Why an image could not be measured: cut short, or not what its header or name says. */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    private ImageHeaders() {}

    /** Whether a file of this content type is one {@link #read} measures. */
    public static boolean measured(String contentType) {
        return contentType.equals("image/png")
                || contentType.equals("image/jpeg")
                || contentType.equals("image/gif")
                || contentType.equals("image/webp")
                || contentType.startsWith("image/svg+xml");
    }

    /**
     * The size of an image.
     *
     * @param logicalPath the file's name, which tells SVG apart
     * @param bytes its content (only a bounded prefix and, for the end checks, the last bytes are looked at)
     * @return the size, or empty for a valid SVG that states none
     * @throws Unreadable saying what is wrong when the file is truncated or not a valid image header
     */
    public static Optional<ImageSize> read(String logicalPath, byte[] bytes) throws Unreadable {
        if (logicalPath.toLowerCase(Locale.ROOT).endsWith(".svg")) {
            return SvgSize.read(bytes);
        }
        if (startsWith(bytes, PNG)) {
            return Optional.of(png(bytes));
        }
        if (bytes.length >= 3 && u8(bytes, 0) == 0xff && u8(bytes, 1) == 0xd8 && u8(bytes, 2) == 0xff) {
            return Optional.of(jpeg(bytes));
        }
        if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) {
            return Optional.of(gif(bytes));
        }
        if (startsWith(bytes, ascii("RIFF"))
                && bytes.length >= 12
                && Arrays.equals(bytes, 8, 12, ascii("WEBP"), 0, 4)) {
            return Optional.of(webp(bytes));
        }
        throw new Unreadable("not a PNG, JPEG, GIF or WebP image: its first bytes match none of them"
                + (bytes.length == 0 ? " (the file is empty)" : ""));
    }

    private static ImageSize png(byte[] b) throws Unreadable {
        need(b, 24, "PNG");
        if (u32(b, 8) != 13 || !Arrays.equals(b, 12, 16, ascii("IHDR"), 0, 4)) {
            throw new Unreadable("PNG without an IHDR chunk first");
        }
        long w = u32(b, 16);
        long h = u32(b, 20);
        if (w < 1 || h < 1 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw new Unreadable("PNG with an invalid size " + w + "x" + h);
        }
        if (b.length < 8 + 25 + PNG_IEND.length
                || !Arrays.equals(b, b.length - PNG_IEND.length, b.length, PNG_IEND, 0, PNG_IEND.length)) {
            throw new Unreadable("truncated PNG: it does not end with an IEND chunk");
        }
        return new ImageSize((int) w, (int) h);
    }

    private static ImageSize gif(byte[] b) throws Unreadable {
        need(b, 13, "GIF");
        int w = u8(b, 6) | u8(b, 7) << 8;
        int h = u8(b, 8) | u8(b, 9) << 8;
        if (w < 1 || h < 1) {
            throw new Unreadable("GIF with an invalid size " + w + "x" + h);
        }
        checkGifBlocks(b);
        return new ImageSize(w, h);
    }

    /**
     * Follows the GIF's blocks to its trailer by their lengths (one byte read per data sub-block of up to 255, no
     * decoding), so a file cut anywhere is seen as truncated, even where the cut happens to leave a 0x3B last.
     */
    private static void checkGifBlocks(byte[] b) throws Unreadable {
        int i = 13;
        if ((u8(b, 10) & 0x80) != 0) {
            i += 3 << ((u8(b, 10) & 7) + 1); // global colour table
        }
        while (i < b.length) {
            int block = u8(b, i++);
            if (block == 0x3b) {
                return;
            }
            if (block == 0x21) {
                i++; // the extension's label
            } else if (block == 0x2c) {
                if (i + 9 > b.length) {
                    break;
                }
                int flags = u8(b, i + 8);
                i += 9;
                if ((flags & 0x80) != 0) {
                    i += 3 << ((flags & 7) + 1); // local colour table
                }
                i++; // LZW minimum code size
            } else {
                throw new Unreadable(
                        "corrupt GIF: unknown block 0x" + Integer.toHexString(block) + " at offset " + (i - 1));
            }
            while (i < b.length && u8(b, i) != 0) { // data sub-blocks, up to the terminator
                i += u8(b, i) + 1;
            }
            i++;
        }
        throw new Unreadable("truncated GIF: it ends before its trailer");
    }

    /**
     * Walks the JPEG's marker segments up to the first frame header: SOF0 to SOF15 except DHT (C4), JPG (C8) and
     * DAC (CC), so baseline, extended, progressive, lossless and arithmetic-coded files all count.
     */
    private static ImageSize jpeg(byte[] b) throws Unreadable {
        int limit = Math.min(b.length, MAX_HEADER);
        int i = 2;
        while (true) {
            if (i >= limit) {
                throw new Unreadable(
                        limit < b.length
                                ? "JPEG without a frame header (SOF) in its first " + MAX_HEADER + " bytes"
                                : "truncated JPEG: it ends before its frame header (SOF)");
            }
            if (u8(b, i) != 0xff) {
                throw new Unreadable("corrupt JPEG: no marker at offset " + i);
            }
            while (i < limit && u8(b, i) == 0xff) {
                i++; // fill bytes
            }
            if (i >= limit) {
                continue;
            }
            int marker = u8(b, i++);
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
                continue; // markers without a length
            }
            if (marker == 0xd9 || marker == 0xda) {
                throw new Unreadable("corrupt JPEG: " + (marker == 0xd9 ? "end of image" : "start of scan")
                        + " before any frame header (SOF)");
            }
            if (i + 2 > limit) {
                i = limit; // the length is cut off: reported as truncated above
                continue;
            }
            int length = u16(b, i);
            if (length < 2) {
                throw new Unreadable("corrupt JPEG: segment length " + length + " at offset " + i);
            }
            if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc) {
                if (length < 8 || i + 7 > b.length) {
                    throw new Unreadable("truncated JPEG: its frame header (SOF) is cut short");
                }
                int h = u16(b, i + 3);
                int w = u16(b, i + 5);
                if (w < 1 || h < 1) {
                    throw new Unreadable("JPEG with size " + w + "x" + h
                            + (h == 0 ? " (a height given later in a DNL segment is not read)" : ""));
                }
                return new ImageSize(w, h);
            }
            i += length;
        }
    }

    private static ImageSize webp(byte[] b) throws Unreadable {
        need(b, 20, "WebP");
        long riff = u32le(b, 4);
        if (8 + riff > b.length) {
            throw new Unreadable("truncated WebP: " + b.length + " bytes, its RIFF header says " + (8 + riff));
        }
        String chunk = new String(b, 12, 4, StandardCharsets.ISO_8859_1);
        switch (chunk) {
            case "VP8 " -> {
                need(b, 30, "WebP (VP8)");
                if ((u8(b, 20) & 1) != 0 || u8(b, 23) != 0x9d || u8(b, 24) != 0x01 || u8(b, 25) != 0x2a) {
                    throw new Unreadable("corrupt WebP: its VP8 data does not start with a key frame");
                }
                return size(u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff, "VP8");
            }
            case "VP8L" -> {
                need(b, 25, "WebP (VP8L)");
                long bits = u32le(b, 21);
                if (u8(b, 20) != 0x2f || bits >>> 29 != 0) {
                    throw new Unreadable("corrupt WebP: bad VP8L signature or version");
                }
                return size((int) (bits & 0x3fff) + 1, (int) (bits >>> 14 & 0x3fff) + 1, "VP8L");
            }
            case "VP8X" -> {
                need(b, 30, "WebP (VP8X)");
                int w = (u8(b, 24) | u8(b, 25) << 8 | u8(b, 26) << 16) + 1;
                int h = (u8(b, 27) | u8(b, 28) << 8 | u8(b, 29) << 16) + 1;
                return size(w, h, "VP8X");
            }
            default ->
                throw new Unreadable(
                        "corrupt WebP: first chunk is \"" + printable(chunk) + "\", not VP8, VP8L or VP8X");
        }
    }

    private static ImageSize size(int w, int h, String kind) throws Unreadable {
        if (w < 1 || h < 1) {
            throw new Unreadable("WebP (" + kind + ") with an invalid size " + w + "x" + h);
        }
        return new ImageSize(w, h);
    }

    private static void need(byte[] b, int n, String format) throws Unreadable {
        if (b.length < n) {
            throw new Unreadable("truncated " + format + ": " + b.length + " bytes, its header needs " + n);
        }
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    private static int u16(byte[] b, int i) {
        return u8(b, i) << 8 | u8(b, i + 1);
    }

    private static int u16le(byte[] b, int i) {
        return u8(b, i) | u8(b, i + 1) << 8;
    }

    private static long u32(byte[] b, int i) {
        return (long) u16(b, i) << 16 | u16(b, i + 2);
    }

    private static long u32le(byte[] b, int i) {
        return (long) u16le(b, i + 2) << 16 | u16le(b, i);
    }
}
