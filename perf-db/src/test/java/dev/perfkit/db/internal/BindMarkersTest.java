package dev.perfkit.db.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BindMarkersTest {
    @Test
    void markersOutsideLiteralsBecomePositionalParameters() {
        BindMarkers m = BindMarkers.toPositional("select * from t where a = ? and b = '?'");
        assertThat(m.sql).isEqualTo("select * from t where a = $1 and b = '?'");
        assertThat(m.count).isEqualTo(1);
    }

    @Test
    void quotedIdentifiersAndCommentsKeepTheirQuestionMarks() {
        BindMarkers m = BindMarkers.toPositional("select \"a?\" from t -- why?\nwhere x = ? /* ? */ and y = ?");
        assertThat(m.sql).isEqualTo("select \"a?\" from t -- why?\nwhere x = $1 /* ? */ and y = $2");
        assertThat(m.count).isEqualTo(2);
    }

    @Test
    void dollarQuotedStringsAreText() {
        BindMarkers m = BindMarkers.toPositional("select $$a?b$$ where x = ?");
        assertThat(m.sql).isEqualTo("select $$a?b$$ where x = $1");
        assertThat(m.count).isEqualTo(1);
        assertThat(BindMarkers.toPositional("select $t$ ? $ ? $t$, ?").sql).isEqualTo("select $t$ ? $ ? $t$, $1");
    }

    @Test
    void escapeStringsKeepTheirBackslashQuotedQuotes() {
        BindMarkers m = BindMarkers.toPositional("select E'it\\'s ?' where x = ?");
        assertThat(m.sql).isEqualTo("select E'it\\'s ?' where x = $1");
        assertThat(m.count).isEqualTo(1);
    }

    @Test
    void nestedCommentsAndDoubledQuotesAreText() {
        BindMarkers m = BindMarkers.toPositional("/* a /* ? */ ? */ select 'o''?' , \"x\"\"?\" where y = ?");
        assertThat(m.sql).isEqualTo("/* a /* ? */ ? */ select 'o''?' , \"x\"\"?\" where y = $1");
        assertThat(m.count).isEqualTo(1);
    }

    @Test
    void doubledMarkerIsTheEscapedOperator() {
        BindMarkers m = BindMarkers.toPositional("select * from t where j ?? 'k' and a = ?");
        assertThat(m.sql).isEqualTo("select * from t where j ? 'k' and a = $1");
        assertThat(m.count).isEqualTo(1);
    }
}
