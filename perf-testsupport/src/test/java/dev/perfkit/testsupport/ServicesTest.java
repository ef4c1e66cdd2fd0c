package dev.perfkit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ServicesTest {

    @Test
    void aMissingServiceFailsInCi() {
        assertThat(Services.failure("a unicorn server", null))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("a unicorn server")
                .hasMessageContaining("CI=true");
    }

    @Test
    void aMissingServiceSkipsOutsideCi() {
        assertThat(Services.skip("a unicorn server", new IllegalStateException("refused")))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("a unicorn server")
                .hasMessageContaining("refused");
    }
}
