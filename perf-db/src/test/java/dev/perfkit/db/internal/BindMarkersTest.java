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
}
