package dev.perfkit.testsupport;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ServicesTest {

    @Test
    void aMissingServiceSkipsOutsideCiAndFailsInCi() {
        Class<? extends Throwable> expected = Services.inCi() ? AssertionError.class : TestAbortedException.class;
        assertThatThrownBy(() -> Services.missing("a unicorn server", null))
                .isInstanceOf(expected)
                .hasMessageContaining("a unicorn server");
    }
}
