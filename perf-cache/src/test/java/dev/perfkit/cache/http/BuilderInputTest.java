package dev.perfkit.cache.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.cache.http.internal.CacheControl;
import dev.perfkit.cache.http.internal.EntityTags;
import dev.perfkit.cache.http.internal.HttpDates;
import dev.perfkit.cache.http.internal.Keys;
import dev.perfkit.cache.http.internal.Routes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad configuration is refused at once with a message naming the input; header parsing never throws. */
class BuilderInputTest {
    @Test
    void routePatternsOtherThanExactSegmentAndRestAreRefused() {
        for (String bad : new String[] {"products", "/a/*/b", "/a*", "/**/x", "/a/***"}) {
            assertThatThrownBy(() -> CacheRoute.builder(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad);
        }
    }

    @Test
    void routeMethodsAreGetAndHeadOnly() {
        assertThatThrownBy(() -> CacheRoute.builder("/p").methods("POST"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("POST");
    }

    @Test
    void cacheableStatusesExclude206And304() {
        assertThatThrownBy(() -> CacheRoute.builder("/p").cacheableStatuses(206))
                .hasMessageContaining("206");
        assertThatThrownBy(() -> CacheRoute.builder("/p").cacheableStatuses(99)).hasMessageContaining("99");
    }

    @Test
    void policyRefusesContradictions() {
        assertThatThrownBy(() -> CachePolicy.builder().publicResponse().privateResponse())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CachePolicy.builder()
                        .noStore()
                        .maxAge(Duration.ofSeconds(1))
                        .build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CachePolicy.builder().maxAge(Duration.ofMillis(1500)))
                .hasMessageContaining("maxAge");
        assertThatThrownBy(() -> CachePolicy.builder().vary("*")).hasMessageContaining("'*'");
        assertThatThrownBy(() -> CachePolicy.builder().vary("Accept Language")).hasMessageContaining("Accept Language");
    }

    @Test
    void cacheBuilderChecksEachValue() {
        assertThatThrownBy(() -> HttpResponseCache.builder().maximumBytes(0)).hasMessageContaining("maximumBytes");
        assertThatThrownBy(() -> HttpResponseCache.builder().maximumBodyBytes(-1))
                .hasMessageContaining("maximumBodyBytes");
        assertThatThrownBy(() -> HttpResponseCache.builder().tagHeader("a b")).hasMessageContaining("a b");
        assertThatThrownBy(() -> HttpResponseCache.builder().maxHeaderLength(10))
                .hasMessageContaining("64");
        assertThatThrownBy(() -> HttpResponseCache.builder().build()).hasMessageContaining("route");
    }

    @Test
    void tagsThatCannotTravelInSurrogateKeyAreRefused() {
        HttpResponseCache cache = HttpResponseCache.builder()
                .route(CacheRoute.builder("/p").build())
                .build();
        for (String bad : new String[] {"", "a b", "a,b", "x".repeat(257)}) {
            assertThatThrownBy(() -> cache.invalidateTag(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> ResourceVersion.etag("a\"b")).hasMessageContaining("a\"b");
    }

    @Test
    void routesMatchInOrder() {
        CacheRoute a = CacheRoute.builder("/api/**").build();
        CacheRoute b = CacheRoute.builder("/api/products/*").build();
        CacheRoute c = CacheRoute.builder("/health").build();
        Routes routes = new Routes(List.of(a, b, c));
        assertThat(routes.match("/api")).isSameAs(a);
        assertThat(routes.match("/api/products/1")).isSameAs(a);
        assertThat(routes.match("/health")).isSameAs(c);
        assertThat(routes.match("/healthz")).isNull();
        Routes segment = new Routes(List.of(b));
        assertThat(segment.match("/api/products/1")).isSameAs(b);
        assertThat(segment.match("/api/products/")).isNull();
        assertThat(segment.match("/api/products/1/x")).isNull();
    }

    @Test
    void headerParsersNeverThrow() {
        for (String v : new String[] {"", ",", "=", "max-age=\"", "a=b=c", "\u0000", "max-age=99999999999999999999"}) {
            CacheControl.parse(v);
            EntityTags.parse(List.of(v));
            HttpDates.parse(v);
            Keys.acceptedCodings(v);
        }
        assertThat(CacheControl.parse("max-age=99999999999999999999").seconds("max-age"))
                .isEqualTo(2147483648L);
        assertThat(CacheControl.parse("max-age=abc").seconds("max-age")).isEqualTo(CacheControl.INVALID);
        assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT")).isNotNull();
        assertThat(HttpDates.parse("Sun Nov  6 08:49:37 1994")).isNotNull();
        assertThat(Keys.acceptedCodings("gzip;q=0, br, GZIP;q=0.5")).isEqualTo("br,gzip");
    }

    @Test
    void precompressionSettingsAreChecked() {
        assertThatThrownBy(() -> HttpResponseCache.builder().precompress())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one coding: gzip, br");
        assertThatThrownBy(() -> HttpResponseCache.builder().precompress("gzip", "zstd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gzip and br, but was 'zstd'");
        CacheRoute route = CacheRoute.builder("/**").build();
        assertThatThrownBy(() -> HttpResponseCache.builder()
                        .route(route)
                        .precompressedOnly()
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("precompressedOnly() needs precompress(...)");
        assertThat(HttpResponseCache.builder()
                        .route(route)
                        .precompress("BR", "gzip")
                        .build())
                .isNotNull();
    }

    @Test
    void ambiguousPathsAreRecognized() {
        for (String p : new String[] {"/a/../b", "/a/./b", "//a", "/a%2Fb", "/a;x=1", "/a%2e%2e/b", "/a\\b"}) {
            assertThat(Keys.isAmbiguous(p)).as(p).isTrue();
        }
        assertThat(Keys.isAmbiguous("/products/42")).isFalse();
    }
}
