package dev.perfkit.assets.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.assets.ImageSize;
import dev.perfkit.assets.TestImages;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageHeadersTest {
    private static Optional<ImageSize> read(String name, byte[] bytes) throws ImageHeaders.Unreadable {
        return ImageHeaders.read(name, bytes);
    }

    private static Optional<ImageSize> svg(String text) throws ImageHeaders.Unreadable {
        return read("a.svg", text.getBytes(StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] b, int first, int second) {
        for (int i = 0; i + 1 < b.length; i++) {
            if ((b[i] & 0xff) == first && (b[i + 1] & 0xff) == second) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void pngGifAndJpegSizesComeFromTheirHeaders() throws Exception {
        assertThat(read("a.png", TestImages.png(300, 200))).contains(new ImageSize(300, 200));
        assertThat(read("a.gif", TestImages.gif(17, 5))).contains(new ImageSize(17, 5));
        assertThat(read("a.jpg", TestImages.jpeg(640, 427, false))).contains(new ImageSize(640, 427));
    }

    @Test
    void progressiveJpegIsMeasuredFromItsSof2() throws Exception {
        byte[] jpeg = TestImages.jpeg(123, 45, true);
        assertThat(indexOf(jpeg, 0xff, 0xc2)).as("a progressive frame header").isPositive();
        assertThat(indexOf(jpeg, 0xff, 0xc0)).as("no baseline frame header").isNegative();
        assertThat(read("a.jpeg", jpeg)).contains(new ImageSize(123, 45));
    }

    @Test
    void jpegSegmentsBeforeTheFrameAreSkippedByLengthNotScanned() throws Exception {
        byte[] jpeg = TestImages.jpeg(50, 60, false);
        // An APP1 (EXIF-like) segment of 65000 bytes whose data looks like a 9999x9999 SOF0 to a naive scanner.
        byte[] data = new byte[65000 - 2];
        for (int i = 0; i + 9 < data.length; i += 9) {
            System.arraycopy(new byte[] {(byte) 0xff, (byte) 0xc0, 0, 17, 8, 0x27, 0x0f, 0x27, 0x0f}, 0, data, i, 9);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(new byte[] {(byte) 0xff, (byte) 0xe1, (byte) (65000 >> 8), (byte) (65000 & 0xff)}, 0, 4);
        out.write(data, 0, data.length);
        out.write(new byte[] {(byte) 0xff, (byte) 0xff}, 0, 2); // fill bytes before the next marker
        out.write(jpeg, 2, jpeg.length - 2);
        assertThat(read("a.jpg", out.toByteArray())).contains(new ImageSize(50, 60));
    }

    @Test
    void everyWebPFormatIsMeasured() throws Exception {
        for (String kind : List.of("vp8", "vp8l", "vp8x")) {
            byte[] webp = TestImages.webp(kind);
            assertThat(new String(webp, 12, 4, StandardCharsets.ISO_8859_1).trim())
                    .isEqualToIgnoringCase(kind);
            assertThat(read("a.webp", webp)).as(kind).contains(new ImageSize(13, 7));
        }
    }

    @Test
    void formatComesFromTheBytesNotTheName() throws Exception {
        assertThat(read("photo.png", TestImages.jpeg(20, 10, false))).contains(new ImageSize(20, 10));
    }

    @Test
    void everyTruncationOfARasterImageIsUnreadableNeverMeasuredWrongOrThrown() {
        List<byte[]> images = List.of(
                TestImages.png(40, 30),
                TestImages.gif(40, 30),
                TestImages.jpeg(40, 30, false),
                TestImages.jpeg(40, 30, true),
                TestImages.webp("vp8"),
                TestImages.webp("vp8l"),
                TestImages.webp("vp8x"));
        for (byte[] image : images) {
            // JPEG truncation is only seen while the header is cut; after the frame header the size is right.
            boolean jpeg = (image[0] & 0xff) == 0xff;
            int sof = jpeg ? Math.max(indexOf(image, 0xff, 0xc0), indexOf(image, 0xff, 0xc2)) + 9 : image.length;
            for (int cut = 0; cut < Math.min(image.length, sof); cut++) {
                byte[] part = Arrays.copyOf(image, cut);
                int at = cut;
                assertThatThrownBy(() -> read("a.img", part))
                        .as("cut at %d of %d", at, image.length)
                        .isInstanceOf(ImageHeaders.Unreadable.class)
                        .hasMessageMatching("(?s).*(truncated|not a PNG, JPEG, GIF or WebP|corrupt).*");
            }
        }
    }

    @Test
    void randomCorruptionGivesASizeOrUnreadableNothingElse() {
        Random random = new Random(16);
        List<byte[]> images = List.of(
                TestImages.png(40, 30),
                TestImages.gif(40, 30),
                TestImages.jpeg(40, 30, true),
                TestImages.webp("vp8"),
                TestImages.webp("vp8l"),
                TestImages.webp("vp8x"));
        for (int round = 0; round < 3000; round++) {
            byte[] image = images.get(round % images.size()).clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                image[random.nextInt(Math.min(image.length, 40))] = (byte) random.nextInt(256);
            }
            try {
                read("a.img", image).ifPresent(s -> assertThat(s.width()).isPositive());
            } catch (ImageHeaders.Unreadable expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void corruptHeadersSayWhatIsWrong() {
        byte[] png = TestImages.png(4, 4);
        png[12] = 'X'; // IHDR renamed
        assertThatThrownBy(() -> read("a.png", png)).hasMessageContaining("IHDR");
        assertThatThrownBy(() -> read("a.png", "hello".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("not a PNG, JPEG, GIF or WebP image");
        assertThatThrownBy(() -> read("a.png", new byte[0])).hasMessageContaining("empty");
        byte[] jpeg = TestImages.jpeg(8, 8, false);
        int sof = indexOf(jpeg, 0xff, 0xc0);
        jpeg[sof + 5] = 0; // height 0: given later in a DNL segment
        jpeg[sof + 6] = 0;
        assertThatThrownBy(() -> read("a.jpg", jpeg)).hasMessageContaining("DNL");
        byte[] webp = TestImages.webp("vp8");
        webp[15] = 'Z';
        assertThatThrownBy(() -> read("a.webp", webp)).hasMessageContaining("not VP8, VP8L or VP8X");
    }

    @Test
    void jpegFrameHeaderMustStartWithinTheBoundedHeader() {
        byte[] jpeg = TestImages.jpeg(8, 8, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        for (int i = 0; i < 20; i++) { // 20 APP2 segments of 65535 bytes: 1.3 MB before the frame
            out.write(new byte[] {(byte) 0xff, (byte) 0xe2, (byte) 0xff, (byte) 0xff}, 0, 4);
            out.write(new byte[65533], 0, 65533);
        }
        out.write(jpeg, 2, jpeg.length - 2);
        assertThatThrownBy(() -> read("a.jpg", out.toByteArray()))
                .hasMessageContaining("without a frame header (SOF) in its first " + ImageHeaders.MAX_HEADER);
    }

    @Test
    void svgWidthAndHeightWinOverTheViewBox() throws Exception {
        assertThat(svg("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40px\" viewBox=\"0 0 12 4\">"))
                .contains(new ImageSize(120, 40));
        assertThat(svg("<svg width='1in' height='72pt'/>")).contains(new ImageSize(96, 96));
    }

    @Test
    void svgWithoutUsableLengthsTakesTheViewBox() throws Exception {
        assertThat(svg("<svg viewBox=\"0 0 300.4 150\">")).contains(new ImageSize(300, 150));
        assertThat(svg("<svg width=\"100%\" height=\"100%\" viewBox=\"-5,-5,64,32\">"))
                .contains(new ImageSize(64, 32));
        assertThat(svg("<svg width=\"200\" viewBox=\"0 0 100 50\">")).contains(new ImageSize(200, 100));
        assertThat(svg("<svg height=\"10em\" viewBox=\"0 0 NaN 50\">")).isEmpty();
        assertThat(svg("<svg>")).isEmpty();
    }

    @Test
    void svgPrologIsSkippedAndEntitiesAreNeverExpanded() throws Exception {
        String laughs = "<?xml version=\"1.0\"?>\n<!-- a > comment -->\n<!DOCTYPE svg [\n"
                + "<!ENTITY lol \"lol\">\n<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
                + "<!ENTITY w \"999\"> <!ENTITY ext SYSTEM \"file:///etc/passwd\"> ]>\n"
                + "<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\" width=\"&w;\" height=\"&lol3;\""
                + " viewBox=\"0 0 24 24\"><text>&ext;</text></svg:svg>";
        assertThat(svg("\uFEFF" + laughs)).contains(new ImageSize(24, 24));
    }

    @Test
    void brokenSvgIsUnreadable() {
        assertThatThrownBy(() -> svg("<svg width=\"10\" height=\"1")).hasMessageContaining("truncated SVG");
        assertThatThrownBy(() -> svg("<?xml version=\"1.0\"?>")).hasMessageContaining("without a root element");
        assertThatThrownBy(() -> svg("<html><svg width=\"1\" height=\"1\">"))
                .hasMessageContaining("root element is <html>");
        assertThatThrownBy(() -> svg("<svg width=10>")).hasMessageContaining("not quoted");
        assertThatThrownBy(() -> svg("<!DOCTYPE svg [ <!ENTITY a \"]>\"> ")).hasMessageContaining("truncated SVG");
    }
}
