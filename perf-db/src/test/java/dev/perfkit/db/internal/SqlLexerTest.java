package dev.perfkit.db.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SqlLexerTest {
    private static String kinds(String sql) {
        return SqlLexer.tokens(sql).stream().map(t -> t.kind() + ":" + t.text()).collect(Collectors.joining(" "));
    }

    @Test
    void everyLiteralFormIsOneStringToken() {
        assertThat(kinds("'a''b' E'c\\'d' $$e$$ $t$f$t$ B'01' X'ff' N'g' U&'h'"))
                .isEqualTo("STRING:'a''b' STRING:E'c\\'d' STRING:$$e$$ STRING:$t$f$t$ STRING:B'01' "
                        + "STRING:X'ff' STRING:N'g' STRING:U&'h'");
    }

    @Test
    void operatorsDoNotSwallowTheSignOfANumber() {
        assertThat(kinds("id=-7 and a>=-1 and b @- 2 and c <> d"))
                .isEqualTo("WORD:id OPERATOR:= OPERATOR:- NUMBER:7 WORD:and WORD:a OPERATOR:>= OPERATOR:- NUMBER:1 "
                        + "WORD:and WORD:b OPERATOR:@- NUMBER:2 WORD:and WORD:c OPERATOR:<> WORD:d");
    }

    @Test
    void parametersOfEveryStyle() {
        assertThat(kinds("? $12 :name x::int ??"))
                .isEqualTo("BIND_MARKER:? POSITIONAL_PARAMETER:$12 NAMED_PARAMETER::name WORD:x PUNCTUATION::: "
                        + "WORD:int OPERATOR:??");
    }

    @Test
    void commentsAreSkippedOrKeptAndNest() {
        assertThat(kinds("a /* x /* y */ z */ b -- c\n d")).isEqualTo("WORD:a WORD:b WORD:d");
        List<SqlToken> withComments = SqlLexer.tokensWithComments("a /* x /* y */ z */ b -- c");
        assertThat(withComments)
                .extracting(SqlToken::kind)
                .containsExactly(SqlToken.Kind.WORD, SqlToken.Kind.COMMENT, SqlToken.Kind.WORD, SqlToken.Kind.COMMENT);
    }

    @Test
    void unterminatedConstructsRunToTheEnd() {
        assertThat(kinds("select 'abc")).isEqualTo("WORD:select STRING:'abc");
        assertThat(kinds("select \"ab")).isEqualTo("WORD:select QUOTED_IDENTIFIER:\"ab");
        assertThat(kinds("select $$ab")).isEqualTo("WORD:select STRING:$$ab");
        assertThat(kinds("select /* ab")).isEqualTo("WORD:select");
        assertThat(kinds("")).isEmpty();
    }

    @Test
    void scriptsSplitOnlyOnRealSemicolons() {
        assertThat(SqlStatements.split("select ';'; -- a ; b\nselect $$;$$ ;; /* ; */ select \"a;\""))
                .containsExactly("select ';'", "-- a ; b\nselect $$;$$", "/* ; */ select \"a;\"");
        assertThat(SqlStatements.hasSeveralStatements("select 1;")).isFalse();
        assertThat(SqlStatements.hasSeveralStatements("select ';'")).isFalse();
        assertThat(SqlStatements.hasSeveralStatements("select 1; select 2")).isTrue();
        assertThat(SqlStatements.firstKeyword("/* x */ ((SELECT 1))")).isEqualTo("select");
        assertThat(SqlStatements.firstKeyword("-- only a comment")).isEmpty();
    }
}
