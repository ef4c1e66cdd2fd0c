package dev.perfkit.cache.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.Test;

/** Runs the usage examples of {@link HttpResponseCacheSnippets}, so the documented code is known to work. */
class HttpResponseCacheSnippetsTest {
    private final HttpResponseCacheSnippets snippets = new HttpResponseCacheSnippets();

    @Test
    void basicBuildsAndInvalidates() {
        HttpResponseCache cache = snippets.basic(); // the purge to a Varnish that is not there is counted, not thrown
        assertThat(cache.covers("/products/42")).isTrue();
        assertThat(cache.covers("/upstream/a/b")).isTrue();
        assertThat(cache.covers("/other")).isFalse();
        assertThat(cache.stats().purgeFailureCount()).isEqualTo(1);
    }

    @Test
    void policyRendersCacheControl() {
        assertThat(snippets.policy().cacheControl())
                .isEqualTo("public, max-age=60, s-maxage=600, stale-while-revalidate=30, stale-if-error=600");
        assertThat(snippets.policy().vary()).containsExactly("Accept");
    }

    @Test
    void tagsReachSurrogateKey() throws Exception {
        HttpResponseCache cache = HttpResponseCache.builder()
                .route(CacheRoute.builder("/products/*")
                        .policy(snippets.policy())
                        .build())
                .build();
        try (TestApp app = new TestApp(cache)) {
            app.handlers.put("*", snippets::handler);
            var r = app.get("/products/42");
            assertThat(r.body()).isEqualTo("{\"id\":42}");
            assertThat(r.headers().firstValue("Surrogate-Key").orElseThrow()).startsWith("product:42 ");
        }
    }

    @Test
    void filterRegisters() {
        ServletContextHandler context = new ServletContextHandler("/");
        snippets.filter(context, snippets.basic());
        assertThat(context.getServletHandler().getFilters()).hasSize(1);
    }
}
