package dev.perfkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlFingerprintTest {

    @Test
    void literalsOfDifferentValueShareOneFingerprint() {
        assertThat(SqlFingerprint.of("SELECT * FROM t WHERE id = 1"))
                .isEqualTo(SqlFingerprint.of("select *   from T\n where ID = 2"))
                .isEqualTo("select * from t where id = ?");
    }

    @Test
    void bindMarkersOfEveryStyleBecomePlaceholders() {
        assertThat(SqlFingerprint.of("select a from t where b = ? and c = $1 and d = :name"))
                .isEqualTo("select a from t where b = ? and c = ? and d = ?");
    }

    @Test
    void inListsOfAnyLengthCollapse() {
        assertThat(SqlFingerprint.of("select * from t where id in (1, 2, 3, 4)"))
                .isEqualTo(SqlFingerprint.of("select * from t where id IN (?)"))
                .isEqualTo("select * from t where id in (?)");
    }

    @Test
    void multiRowValuesCollapse() {
        assertThat(SqlFingerprint.of("insert into t (a, b) values (1, 'x'), (2, 'y'), (3, 'z')"))
                .isEqualTo(SqlFingerprint.of("insert into t (a, b) values (?, ?)"))
                .isEqualTo("insert into t(a, b) values (?, ?)");
    }

    @Test
    void functionCallsKeepTheirParenthesisAttached() {
        assertThat(SqlFingerprint.of("SELECT COUNT ( * ) FROM t WHERE x IN (SELECT max(y) FROM u)"))
                .isEqualTo("select count(*) from t where x in (select max(y) from u)");
    }

    @Test
    void commentsAreStripped() {
        assertThat(SqlFingerprint.of("/* app: x /* nested */ */ select 1 -- trailing\n from t"))
                .isEqualTo("select ? from t");
    }

    @Test
    void quotedIdentifiersKeepTheirSpellingAndMayContainAnything() {
        assertThat(SqlFingerprint.of("select \"Weird \"\" -- Name\" from \"T\" where x = 'a'"))
                .isEqualTo("select \"Weird \"\" -- Name\" from \"T\" where x = ?");
    }

    @Test
    void castsStringsAndEscapeStringsAreUnderstood() {
        assertThat(SqlFingerprint.of("select '2024-01-01'::date, E'it\\'s', 'o''k', x::text from t"))
                .isEqualTo("select ?::date, ?, ?, x::text from t");
    }

    @Test
    void dollarQuotedStringsAreOneLiteral() {
        assertThat(SqlFingerprint.of("select $tag$ it's -- not a comment $tag$, $$x$$ from t"))
                .isEqualTo("select ?, ? from t");
    }

    @Test
    void negativeNumbersAndExponentsAreLiterals() {
        assertThat(SqlFingerprint.of("select * from t where a = -1.5e-3 and b > +2"))
                .isEqualTo(SqlFingerprint.of("select * from t where a = 7 and b > 3"));
        assertThat(SqlFingerprint.of("select a - 1 from t")).isEqualTo("select a - ? from t");
    }

    @Test
    void unparseableSqlStillGetsAStableFingerprint() {
        String broken = "selec ((( 'unterminated string \" weird $$ dollar";
        assertThat(SqlFingerprint.of(broken))
                .isEqualTo(SqlFingerprint.of(broken))
                .isEqualTo("selec(((?");
        assertThat(SqlFingerprint.of("")).isEmpty();
        assertThat(SqlFingerprint.of("/* unterminated comment")).isEmpty();
        assertThat(SqlFingerprint.of("\"unterminated identifier")).isEqualTo("\"unterminated identifier");
    }

    @Test
    void hugeStatementsAreCappedWithAHashOfTheFullText() {
        String a = "select " + "col_a, ".repeat(1000) + "x from t";
        String b = "select " + "col_b, ".repeat(1000) + "x from t";
        assertThat(SqlFingerprint.of(a)).hasSizeLessThanOrEqualTo(SqlFingerprint.MAX_LENGTH);
        assertThat(SqlFingerprint.of(a)).isNotEqualTo(SqlFingerprint.of(b));
    }

    @Test
    void nullIsRejected() {
        assertThatThrownBy(() -> SqlFingerprint.of(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("sql");
    }
}
