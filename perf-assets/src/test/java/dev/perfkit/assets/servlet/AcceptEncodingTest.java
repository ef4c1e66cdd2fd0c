package dev.perfkit.assets.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcceptEncodingTest {
    static final List<Representation> ALL = List.of(rep("br"), rep("zstd"), rep("gzip"), rep("identity"));

    static Representation rep(String token) {
        return new Representation(token, "\"" + token + "\"", ByteBuffer.allocate(1));
    }

    static String choose(String header) {
        Representation r = AcceptEncoding.choose(header, ALL);
        return r == null ? "406" : r.token();
    }

    @Test
    void chromesHeaderGetsBrotliNotGzip() {
        assertThat(choose("gzip, deflate, br, zstd")).isEqualTo("br");
    }

    @Test
    void qValuesOutrankServerPreference() {
        assertThat(choose("br;q=0.5, gzip;q=0.8")).isEqualTo("gzip");
        assertThat(choose("br;q=0.5, zstd")).isEqualTo("zstd");
    }

    @Test
    void qZeroRefusesACoding() {
        assertThat(choose("br;q=0, zstd;q=0, gzip")).isEqualTo("gzip");
    }

    @Test
    void identityIsTheFallbackUnlessRefused() {
        assertThat(choose("deflate")).isEqualTo("identity");
        assertThat(choose("deflate, identity;q=0")).isEqualTo("406");
        assertThat(choose("*;q=0")).isEqualTo("406");
        assertThat(choose("*;q=0, identity")).isEqualTo("identity");
        assertThat(choose("*")).isEqualTo("br");
    }

    @Test
    void absentOrEmptyHeaderMeansIdentity() {
        assertThat(choose(null)).isEqualTo("identity");
        assertThat(choose("")).isEqualTo("identity");
    }

    @Test
    void malformedElementsAreIgnored() {
        assertThat(choose("br;q=abc, gzip")).isEqualTo("gzip");
        assertThat(choose("br;q=1.5")).isEqualTo("identity");
        assertThat(choose(";;;,,, ===")).isEqualTo("identity");
        assertThat(choose("GZIP;Q=0.9")).isEqualTo("gzip");
        assertThat(choose("x-gzip")).isEqualTo("gzip");
        assertThat(choose("br" + ",x".repeat(10_000))).isEqualTo("br");
    }
}
