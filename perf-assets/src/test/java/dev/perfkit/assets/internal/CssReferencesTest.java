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
}
