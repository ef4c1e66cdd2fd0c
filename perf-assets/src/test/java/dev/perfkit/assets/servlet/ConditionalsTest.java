package dev.perfkit.assets.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConditionalsTest {
    static final String TAG = "\"abc\"";

    @Test
    void weakComparisonIgnoresTheWeakPrefixAndStrongDoesNot() {
        assertThat(Conditionals.matches("W/\"abc\"", TAG, true)).isTrue();
        assertThat(Conditionals.matches("W/\"abc\"", TAG, false)).isFalse();
        assertThat(Conditionals.matches("\"abc\"", TAG, false)).isTrue();
    }

    @Test
    void listsAreScannedAsQuotedTagsSoACommaInsideATagIsNoSeparator() {
        assertThat(Conditionals.matches("\"x,\"abc\"\"", TAG, true)).isFalse();
        assertThat(Conditionals.matches("\"a,b\", \"abc\"", TAG, true)).isTrue();
        assertThat(Conditionals.matches("  \"zz\" ,,\t\"abc\"", TAG, false)).isTrue();
    }

    @Test
    void aPrefixOrALongerTagIsNoMatch() {
        assertThat(Conditionals.matches("\"ab\"", TAG, true)).isFalse();
        assertThat(Conditionals.matches("\"abcd\"", TAG, true)).isFalse();
        assertThat(Conditionals.matches("abc", TAG, true)).isFalse();
        assertThat(Conditionals.matches("\"abc", TAG, true)).isFalse();
    }

    @Test
    void starMatchesAnyCurrentRepresentation() {
        assertThat(Conditionals.matches(" * ", TAG, false)).isTrue();
    }
}
