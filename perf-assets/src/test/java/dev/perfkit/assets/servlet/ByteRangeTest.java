package dev.perfkit.assets.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
    @Test
    void parsesTheThreeForms() {
        assertThat(ByteRange.parse("bytes=0-9", 100)).isEqualTo(new ByteRange(0, 9));
        assertThat(ByteRange.parse("bytes=90-", 100)).isEqualTo(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=-10", 100)).isEqualTo(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=-1000", 100)).isEqualTo(new ByteRange(0, 99));
        assertThat(ByteRange.parse("bytes=50-1000", 100)).isEqualTo(new ByteRange(50, 99));
    }

    @Test
    void unsatisfiableRanges() {
        assertThat(ByteRange.parse("bytes=100-", 100)).isSameAs(ByteRange.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=-0", 100)).isSameAs(ByteRange.UNSATISFIABLE);
    }

    @Test
    void malformedOrMultipleRangesAreIgnored() {
        for (String h : new String[] {
            "bytes=abc",
            "bytes=5-2",
            "items=0-1",
            "bytes=",
            "bytes=0-1,5-6",
            "bytes=--1",
            "bytes=99999999999999999999-",
            "bytes 0-1",
            "bytes=1-2-3"
        }) {
            assertThat(ByteRange.parse(h, 100)).as(h).isSameAs(ByteRange.IGNORE);
        }
    }
}
