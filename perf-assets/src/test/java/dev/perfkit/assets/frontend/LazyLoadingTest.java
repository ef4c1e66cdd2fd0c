package dev.perfkit.assets.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LazyLoadingTest {
    private static final LazyLoading LAZY = LazyLoading.defaults();

    @Test
    void theFirstImageIsHighPriorityAndTheImagesAfterTheSecondAreLazy() {
        assertThat(LazyLoadingSnippets.basic("<img src=hero.jpg><img src=b.jpg><img src=c.jpg>"))
                .isEqualTo("<img src=hero.jpg fetchpriority=\"high\"><img src=b.jpg>"
                        + "<img src=c.jpg loading=\"lazy\" decoding=\"async\">");
    }

    @Test
    void iframesCountAndAreLazyWithoutDecoding() {
        assertThat(LAZY.rewrite("<iframe src=a></iframe><img src=b><iframe src=c></iframe>"))
                .isEqualTo("<iframe src=a></iframe><img src=b><iframe src=c loading=\"lazy\"></iframe>");
    }

    @Test
    void anElementThatSetsLoadingOrFetchpriorityIsLeftAsWritten() {
        String html = "<img src=a fetchpriority=low><img src=b><img src=c loading=eager><IMG SRC=d LOADING=lazy>"
                + "<img src=e decoding=sync>";
        assertThat(LAZY.rewrite(html))
                .isEqualTo("<img src=a fetchpriority=low><img src=b><img src=c loading=eager><IMG SRC=d LOADING=lazy>"
                        + "<img src=e decoding=sync loading=\"lazy\">");
    }

    @Test
    void selfClosingUpperCaseAndQuotedGreaterThanSigns() {
        assertThat(LazyLoading.eagerFirst(0).rewrite("<IMG SRC='x.png' alt=\"a > b\"/><img\nsrc=y.png\n>"))
                .isEqualTo("<IMG SRC='x.png' alt=\"a > b\" loading=\"lazy\" decoding=\"async\"/>"
                        + "<img\nsrc=y.png\n loading=\"lazy\" decoding=\"async\">");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<!-- <img src=a> <img src=b> <img src=c> -->",
                "<script>let s = '<img src=a><img src=b><img src=c>'; if (a < b) {}</script>",
                "<script>document.write('</scripts><img src=a><img src=b><img src=c>')</script>",
                "<style>/* <img src=a><img src=b><img src=c> */</style>",
                "<textarea><img src=a><img src=b><img src=c></textarea>",
                "<title><img src=a><img src=b><img src=c></title>",
                "if a < b and c > d <img",
                "<img src=a <img src=b",
                "<!doctype html><p>3 < 4</p>",
            })
    void imagesInCommentsScriptsAndRawTextOrBrokenHtmlAreNotTouched(String html) {
        assertThat(LAZY.rewrite(html)).isEqualTo(html.contains("3 < 4") ? html : html);
        assertThat(LAZY.rewrite(html)).doesNotContain("loading=").doesNotContain("fetchpriority=");
    }

    @Test
    void afterAScriptEndsImagesAreSeenAgain() {
        assertThat(LazyLoading.eagerFirst(0).rewrite("<script>'<img src=a>'</SCRIPT ><img src=b>"))
                .isEqualTo("<script>'<img src=a>'</SCRIPT ><img src=b loading=\"lazy\" decoding=\"async\">");
    }

    @Test
    void aHugeTagPassesUnchangedAndTheRestIsStillProcessed() {
        String huge = "<img src=a alt=\"" + "x".repeat(LazyLoading.MAX_TAG * 4) + "\">";
        String html = huge + "<img src=b><img src=c>";
        assertThat(LazyLoading.eagerFirst(0).rewrite(html))
                .isEqualTo(
                        huge
                                + "<img src=b loading=\"lazy\" decoding=\"async\"><img src=c loading=\"lazy\" decoding=\"async\">");
    }

    /**
     * Seeded property: written in random pieces, the page comes out the same as written whole, and removing what
     * the pass added gives back exactly the input (it only ever adds attributes).
     */
    @Test
    void streamingInRandomPiecesGivesTheSamePageAndLosesNothing() throws IOException {
        List<String> parts = List.of(
                "<img src=a.png>",
                "<IMG\tSRC='b.png' alt=\"x > y\"/>",
                "<iframe src=v></iframe>",
                "<!-- <img src=c> -->",
                "<script>var t = '<img src=d>';</script>",
                "text < more",
                "<p class=\"q\">",
                "</p>",
                "<img src=e loading=eager>",
                "<style>img{}</style>",
                "\u00e9\u4e2d",
                "<br>",
                "<textarea><img></textarea>",
                "<img src=f fetchpriority=low>");
        for (long seed = 1; seed <= 200; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            StringBuilder page = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                page.append(parts.get(random.nextInt(parts.size())));
            }
            String html = page.toString();
            String whole = LAZY.rewrite(html);
            StringWriter out = new StringWriter();
            try (Writer w = LAZY.wrap(out)) {
                int i = 0;
                while (i < html.length()) {
                    int n = Math.min(html.length() - i, 1 + random.nextInt(7));
                    if (random.nextBoolean()) {
                        w.write(html, i, n);
                    } else {
                        for (int k = 0; k < n; k++) {
                            w.write(html.charAt(i + k));
                        }
                    }
                    i += n;
                }
            }
            assertThat(out.toString()).as("seed %d", seed).isEqualTo(whole);
            String removed = whole.replace(" fetchpriority=\"high\"", "")
                    .replace(" loading=\"lazy\"", "")
                    .replace(" decoding=\"async\"", "");
            assertThat(removed).as("seed %d", seed).isEqualTo(html);
        }
    }

    @Test
    void aBadCountIsRefused() {
        assertThatThrownBy(() -> LazyLoading.eagerFirst(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the number of eager images must be 0 to 1000, but was -1");
    }
}
