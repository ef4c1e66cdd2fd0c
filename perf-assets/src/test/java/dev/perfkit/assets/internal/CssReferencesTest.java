package dev.perfkit.assets.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The byte prefilter of the reference scan: it may only skip files that hold no reference. */
class CssReferencesTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void javascriptIsScannedOnlyWhenItNamesASourceMap() {
        assertThat(CssReferences.mayReference("a.js", bytes("let x = 1;\n//# sourceMappingURL=a.js.map\n")))
                .isTrue();
        assertThat(CssReferences.mayReference("a.mjs", bytes("sourceMappingURL=")))
                .isTrue();
        assertThat(CssReferences.mayReference("a.js", bytes("let url = 'x.png'; // sourceMappingURL")))
                .isFalse();
        assertThat(CssReferences.mayReference("a.js", bytes(""))).isFalse();
        assertThat(CssReferences.mayReference("a.css", bytes("body {}"))).isTrue();
        assertThat(CssReferences.mayReference("a.png", bytes("sourceMappingURL=x")))
                .isFalse();
    }

    @Test
    void whatThePrefilterSkipsTheScanWouldNotHaveFound() {
        java.util.Random random = new java.util.Random(13);
        String alphabet = "sourceMapingURL=#@ /\n'\"";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = random.nextInt(60); n > 0; n--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (random.nextInt(20) == 0) {
                sb.insert(random.nextInt(sb.length() + 1), "//# sourceMappingURL=m.map");
            }
            String text = sb.toString();
            if (!CssReferences.find("a.js", text).isEmpty()) {
                assertThat(CssReferences.mayReference("a.js", bytes(text)))
                        .as(text)
                        .isTrue();
            }
            assertThat(CssReferences.indexOf(bytes(text), bytes("sourceMappingURL=")))
                    .as(text)
                    .isEqualTo(text.indexOf("sourceMappingURL="));
        }
    }

    @Test
    void aCssPatternRunsWheneverItCouldMatch() {
        java.util.Random random = new java.util.Random(17);
        String alphabet = "uUrRlL(@iImMpPoOtTaAgGeEsS- \"')\nx";
        String[] real = {"url(a.png)", "URL( 'b.png' )", "@IMPORT \"c.css\"", "-webkit-Image-Set(\"d.png\" 1x)"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = random.nextInt(80); n > 0; n--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (random.nextInt(10) == 0) {
                sb.insert(random.nextInt(sb.length() + 1), real[random.nextInt(real.length)]);
            }
            String text = sb.toString();
            if (CssReferences.URL.matcher(text).find()) {
                assertThat(CssReferences.mentions(text, "url(")).as(text).isTrue();
            }
            if (CssReferences.IMPORT.matcher(text).find()) {
                assertThat(CssReferences.mentions(text, "@import")).as(text).isTrue();
            }
            if (CssReferences.IMAGE_SET.matcher(text).find()) {
                assertThat(CssReferences.mentions(text, "image-set(")).as(text).isTrue();
            }
            assertThat(CssReferences.mentions(text, "url("))
                    .as(text)
                    .isEqualTo(text.toLowerCase(java.util.Locale.ROOT).contains("url("));
        }
        assertThat(CssReferences.find("a.css", "a { background: URL(x.png) } @Import 'y.css';"))
                .extracting(CssReferences.Ref::url)
                .containsExactly("x.png", "y.css");
    }
}
