package dev.perfkit.db.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.perfkit.db.QueryInstrumentation;
import dev.perfkit.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

class QueryBudgetExtensionIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    static DataSource dataSource;
    static DataSource wrapped;
    static DSLContext dsl;

    @BeforeAll
    static void createTable() {
        PG.database()
                .execute(
                        "create table big (id bigint primary key, note text not null)",
                        "insert into big select g, md5(g::text) from generate_series(1, 20000) g",
                        "analyze big");
        dataSource = PG.database().dataSource();
        wrapped = QueryInstrumentation.builder().build().wrap(dataSource);
        dsl = DSL.using(new DefaultConfiguration()
                .set(dataSource)
                .set(SQLDialect.POSTGRES)
                .set(QueryInstrumentation.builder().build().executeListener()));
    }

    /** Run only through the test kit below. */
    static class Sample {
        @RegisterExtension
        static final QueryBudgetExtension QUERIES =
                QueryBudgetExtension.maxStatements(2).explainWith(dataSource);

        @Test
        void withinBudget() {
            dsl.fetch("select 1");
            dsl.fetch("select 2");
        }

        @Test
        void overBudget() {
            for (int id = 1; id <= 3; id++) {
                dsl.fetch("select note from big where id = ?", id);
            }
        }

        @Test
        @StatementBudget(5)
        void annotatedBudget() {
            for (int id = 1; id <= 3; id++) {
                dsl.fetch("select note from big where id = ?", id);
            }
        }

        @Test
        void seqScan() {
            dsl.fetch("select id from big where note = ?", "absent");
            QUERIES.assertNoSeqScanAbove(1000);
        }

        @Test
        void preparedSeqScan() throws Exception {
            try (Connection c = wrapped.getConnection();
                    PreparedStatement ps = c.prepareStatement("select id from big where note = ?")) {
                ps.setString(1, "absent");
                ps.executeQuery().close();
            }
            QUERIES.assertNoSeqScanAbove(1000);
        }

        @Test
        void preparedIndexLookup() throws Exception {
            try (Connection c = wrapped.getConnection();
                    PreparedStatement ps = c.prepareStatement("select note from big where id = ?")) {
                ps.setLong(1, 5L);
                ps.executeQuery().close();
            }
            QUERIES.assertNoSeqScanAbove(1000);
        }

        @Test
        void unexplainableQuery() throws Exception {
            try (Connection c = wrapped.getConnection();
                    Statement st = c.createStatement()) {
                st.execute("create temp table mine (x int)");
                st.executeQuery("select x from mine").close();
            }
            QUERIES.assertNoSeqScanAbove(1000);
        }

        @Test
        void indexLookup() {
            dsl.fetch("select note from big where id = ?", 5L);
            QUERIES.assertNoSeqScanAbove(1000);
        }
    }

    private static Optional<Throwable> failure(Events events, String method) {
        Event finished = events.finished()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(method))
                .findFirst()
                .orElseThrow();
        return finished.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .orElseThrow()
                .getThrowable();
    }

    @Test
    void budgetAndSeqScanAssertionsFailExactlyTheOffendingTests() {
        Events events = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(Sample.class))
                .execute()
                .testEvents();
        assertThat(failure(events, "withinBudget")).isEmpty();
        assertThat(failure(events, "annotatedBudget")).isEmpty();
        assertThat(failure(events, "indexLookup")).isEmpty();
        assertThat(failure(events, "overBudget"))
                .get()
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("3 statements, budget 2")
                .hasMessageContaining("1. select note from big where id = 1")
                .hasMessageContaining("3. select note from big where id = 3");
        assertThat(failure(events, "seqScan"))
                .get()
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("select id from big where note = 'absent'")
                .hasMessageContaining("seq scan on big over 20000 rows");
        assertThat(failure(events, "preparedSeqScan"))
                .get()
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("select id from big where note = ?")
                .hasMessageContaining("seq scan on big over 20000 rows");
        assertThat(failure(events, "preparedIndexLookup")).isEmpty();
        assertThat(failure(events, "unexplainableQuery"))
                .get()
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("could not be explained")
                .hasMessageContaining("select x from mine")
                .hasMessageContaining("EXPLAIN failed")
                .hasMessageNotContaining("create temp table");
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> QueryBudgetExtension.maxStatements(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> QueryBudgetExtension.maxStatements(1).assertNoSeqScanAbove(5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("explainWith");
        assertThatThrownBy(() -> QueryBudgetExtension.maxStatements(1)
                        .explainWith(dataSource)
                        .assertNoSeqScanAbove(-2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-2");
        assertThatThrownBy(() -> QueryBudgetExtension.maxStatements(1)
                        .explainWith(dataSource)
                        .assertNoSeqScanAbove(5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside a test");
    }
}
