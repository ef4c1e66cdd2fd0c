package dev.perfkit.db.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptParsingTest {

    @Test
    void scriptSplitsAtTopLevelSemicolonsOnly() {
        assertThat(SqlScript.split("SELECT 1; SELECT ';' -- c;\n; SELECT $$a;b$$ /* x; */ ;"))
                .containsExactly("SELECT 1", "SELECT ';'", "SELECT $$a;b$$");
        assertThat(SqlScript.split("-- only a comment\n")).isEmpty();
        assertThat(SqlScript.split("select E'a\\';b'; -- calls: 5\nselect \"x;\" /* a /* ; */ b */ from t"))
                .containsExactly("select E'a\\';b'", "-- calls: 5\nselect \"x;\" /* a /* ; */ b */ from t");
        assertThat(SqlScript.split("SELECT * FROM t WHERE a = $1; SELECT 2"))
                .containsExactly("SELECT * FROM t WHERE a = $1", "SELECT 2");
    }

    @Test
    void aCallsCommentBeforeAStatementWeightsIt() {
        Workload w = Workload.fromSql("-- calls: 500\nSELECT 1; SELECT 2;\n/* x */ -- CALLS:7\nSELECT 3;"
                + " -- calls: 1_000\n-- why\nSELECT 4; SELECT 5 -- calls: 9\n");
        assertThat(w.queries()).extracting(WorkloadQuery::calls).containsExactly(500L, 1L, 7L, 1000L, 1L);
        for (String bad : List.of("0", "-3", "x", "", "1000000000001")) {
            assertThatThrownBy(() -> Workload.fromSql("-- calls: " + bad + "\nSELECT 1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'-- calls: " + bad + "'")
                    .hasMessageContaining("1..1000000000000");
        }
    }

    @Test
    void parameterCountIgnoresQuotedDollars() {
        assertThat(Explainer.parameterCount("SELECT * FROM t WHERE a = $2 AND b = '$9' AND c = $1"))
                .isEqualTo(2);
        assertThat(Explainer.parameterCount("SELECT 1")).isZero();
        assertThat(Explainer.parameterCount("SELECT $$ $7 $$, E'\\' $8', \"$9\" -- $6\n FROM t WHERE a = $1"))
                .isEqualTo(1);
    }

    @Test
    void updateSetColumnsAreFound() {
        assertThat(WriteCosts.setColumns(
                        "UPDATE orders o SET status = 'a,b', Total = total + 1, \"Mixed\" = now()" + " WHERE id = 1"))
                .containsExactly("status", "total", "Mixed");
    }
}
