package dev.perfkit.assets.frontend;

/** Compiled examples for the Javadoc of {@link LazyLoading}; {@link LazyLoadingTest} runs them. */
@SuppressWarnings("InvalidInlineTag")
final class LazyLoadingSnippets {
    private LazyLoadingSnippets() {}

    static String basic(String page) {
        // @start region="basic"
        LazyLoading lazy = LazyLoading.eagerFirst(2); // the first two images load at once
        String html = lazy.rewrite(page); // or lazy.wrap(writer) to rewrite as the page is written
        // <img src=hero.jpg fetchpriority="high">, <img src=b.jpg>, <img src=c.jpg loading="lazy" decoding="async">
        // @end
        return html;
    }

    static String sizes(dev.perfkit.assets.AssetManifest manifest, String page) {
        // @start region="sizes"
        LazyLoading lazy = LazyLoading.defaults().withImageSizes(manifest, "/assets");
        String html = lazy.rewrite(page);
        // <img src="/assets/img/hero-3f2a1b9c0d.png"> becomes
        // <img src="/assets/img/hero-3f2a1b9c0d.png" width="1200" height="600" fetchpriority="high">
        // @end
        return html;
    }
}
