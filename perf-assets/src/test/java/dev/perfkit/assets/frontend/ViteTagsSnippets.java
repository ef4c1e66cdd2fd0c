package dev.perfkit.assets.frontend;

import dev.perfkit.assets.AssetManifest;
import java.nio.file.Path;

/** Compiled examples for the Javadoc of {@link ViteTags}; {@link ViteTagsTest} runs them. */
@SuppressWarnings("InvalidInlineTag")
final class ViteTagsSnippets {
    private ViteTagsSnippets() {}

    static String basic(Path dist, AssetManifest assets, String nonce) {
        // @start region="basic"
        ViteTags vite = ViteTags.builder(ViteManifest.read(dist.resolve(".vite/manifest.json")))
                .assets(assets) // integrity values and the CDN base from perf-assets' manifest
                .build();
        PageTags tags = vite.page(java.util.List.of("src/main.js"), nonce); // nonce: the response's CSP nonce
        String head = tags.html(); // stylesheets, the module script, modulepreload for the static imports
        String link = tags.linkHeader(); // the same as a Link header, for 103 Early Hints
        // @end
        return head + "\n" + link;
    }
}
