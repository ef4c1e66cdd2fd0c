package dev.perfkit.assets.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample page in a real headless Chromium (Debian's, driven by playwright-core over the DevTools protocol,
 * src/test/browser/frontend-check.mjs): scripts and styles arrive Brotli-encoded, each modulepreloaded chunk is
 * fetched once, images below the fold wait for the scroll and carry the manifest's width and height, a reload takes
 * every fingerprinted file from the cache, and the console has no SRI or CSP error. The browser's own account
 * (the script's JSON) is checked against the server's log of asset requests.
 */
class FrontendBrowserIT {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES) // a first npm ci on a loaded machine
    void theSamplePageLoadsAsPromisedInARealBrowser() throws Exception {
        NodeScripts.prepare();
        try (SamplePage page = new SamplePage(tmp)) {
            NodeScripts.Run run = NodeScripts.node(
                    "frontend-check.mjs",
                    List.of(page.server.uri("/page").toString(), String.join(",", page.brotliUrls())),
                    180);
            java.nio.file.Files.writeString(NodeScripts.WORK.resolve("frontend-check.json"), run.lastLine());
            JsonNode result;
            try {
                result = new ObjectMapper().readTree(run.lastLine());
            } catch (RuntimeException | java.io.IOException e) {
                throw new AssertionError(
                        "frontend-check.mjs printed no JSON (exit " + run.exit() + "):\n" + run.stdout() + run.stderr(),
                        e);
            }
            assertThat(result.path("failures"))
                    .as("the browser's checks (stderr: %s)", run.stderr())
                    .isEmpty();
            assertThat(run.exit()).isZero();
            assertThat(result.path("ok").asBoolean()).isTrue();

            assertThat(page.brotliUrls())
                    .as("the big script and style have Brotli variants")
                    .contains("/assets/"
                            + page.manifest
                                    .entry(SamplePage.VENDOR_JS)
                                    .orElseThrow()
                                    .file())
                    .contains("/assets/"
                            + page.manifest
                                    .entry(SamplePage.SITE_CSS)
                                    .orElseThrow()
                                    .file());

            // The server's side of the same story.
            List<String> load = page.requestsIn("load");
            String shared = page.url("assets/shared-BytCAL8F.js");
            assertThat(texts(result.path("preloads")))
                    .singleElement()
                    .asString()
                    .endsWith(shared);
            assertThat(load).as("the preloaded chunk, requested once").containsOnlyOnce(shared);
            assertThat(load.stream().filter(shared::equals)).hasSize(1);
            assertThat(load).as("the dynamic import waits for the click").noneMatch(u -> u.contains("/chart-"));
            for (int i = 0; i < SamplePage.ABOVE + SamplePage.BELOW; i++) {
                String photo = page.url(SamplePage.photo(i));
                if (i < SamplePage.ABOVE) {
                    assertThat(load).contains(photo);
                } else {
                    assertThat(load).as("below the fold, before scrolling").doesNotContain(photo);
                    assertThat(page.requestsIn("scroll")).as("after scrolling").contains(photo);
                }
            }
            assertThat(result.path("belowTheFold").asInt()).isEqualTo(SamplePage.BELOW);
            assertThat(page.requestsIn("reload"))
                    .as("a reload asks the server for nothing fingerprinted")
                    .isEmpty();
            assertThat(texts(result.path("reloadFromCache"))).isNotEmpty();
            int brotli = 0;
            for (JsonNode r : result.path("firstView")) {
                String type = r.path("type").asText();
                if (type.equals("Script") || type.equals("Stylesheet")) {
                    String url = r.path("url").asText();
                    boolean br =
                            page.brotliUrls().contains(java.net.URI.create(url).getPath());
                    assertThat(
                                    r.path("encoding").isNull()
                                            ? "identity"
                                            : r.path("encoding").asText())
                            .as(url)
                            .isEqualTo(br ? "br" : "identity");
                    brotli += br ? 1 : 0;
                }
            }
            assertThat(brotli)
                    .as("Brotli-encoded scripts and styles")
                    .isEqualTo(page.brotliUrls().size());
            assertThat(result.path("violations")).isEmpty();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
