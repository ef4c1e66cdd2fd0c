package dev.perfkit.db.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.db.QueryInstrumentation;
import dev.perfkit.testsupport.PostgresExtension;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QueryInstrumentationSnippetsIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @BeforeAll
    static void createTable() {
        PG.database()
                .execute(
                        "create table orders (id bigint primary key, note text not null)",
                        "insert into orders select g, 'n' || g from generate_series(1, 100) g");
    }

    @Test
    void theBasicExampleRecordsThreeCallsUnderOneFingerprint() {
        assertThat(QueryInstrumentationSnippets.basic(PG.database().dataSource()))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.fingerprint()).isEqualTo("select note from orders where id = ?");
                    assertThat(s.calls()).isEqualTo(3);
                    assertThat(s.rows()).isEqualTo(3);
                });
    }

    @Test
    void theJdbcExampleRecordsThePreparedStatementAndItsRows() throws Exception {
        assertThat(QueryInstrumentationSnippets.jdbc(PG.database().dataSource()))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.fingerprint()).isEqualTo("select note from orders where id = ?");
                    assertThat(s.calls()).isEqualTo(1);
                    assertThat(s.rows()).isEqualTo(1);
                });
    }

    @Test
    void theScopeExampleRaisesOneEventWithTheFullCount() {
        QueryInstrumentation instrumentation = QueryInstrumentation.builder().build();
        var dsl = DSL.using(new DefaultConfiguration()
                .set(PG.database().dataSource())
                .set(SQLDialect.POSTGRES)
                .set(instrumentation.executeListener()));
        assertThat(QueryInstrumentationSnippets.scope(dsl)).singleElement().satisfies(e -> {
            assertThat(e.count()).isEqualTo(20);
            assertThat(e.callSite()).startsWith(QueryInstrumentationSnippets.class.getName() + ".scope");
        });
    }
}
