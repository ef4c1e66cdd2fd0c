package dev.perfkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.db.plan.PlanFinding;
import dev.perfkit.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QueryInstrumentationIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @BeforeAll
    static void createTables() {
        PG.database()
                .execute(
                        "create table item (id bigint primary key, owner int not null, note text not null)",
                        "insert into item select g, g % 100, md5(g::text) from generate_series(1, 50000) g",
                        "analyze item");
    }

    private static DSLContext dsl(QueryInstrumentation qi) {
        return DSL.using(new DefaultConfiguration()
                .set(PG.database().dataSource())
                .set(SQLDialect.POSTGRES)
                .set(qi.executeListener()));
    }

    @Test
    void jooqStatementsAreRecordedUnderOneFingerprintWithRows() {
        QueryInstrumentation qi = QueryInstrumentation.builder().build();
        DSLContext dsl = dsl(qi);
        for (int i = 1; i <= 5; i++) {
            dsl.select(DSL.field("id"))
                    .from("item")
                    .where(DSL.field("owner").eq(i))
                    .fetch();
        }
        dsl.execute("update item set note = note where id in (1, 2, 3)");
        List<FingerprintStats> top = qi.stats().snapshot().top();
        assertThat(top).hasSize(2);
        FingerprintStats select = top.stream()
                .filter(s -> s.fingerprint().startsWith("select"))
                .findFirst()
                .orElseThrow();
        assertThat(select.fingerprint()).isEqualTo("select id from item where owner = ?");
        assertThat(select.calls()).isEqualTo(5);
        assertThat(select.rows()).isEqualTo(2500);
        assertThat(select.totalNanos()).isPositive();
        FingerprintStats update = top.stream()
                .filter(s -> s.fingerprint().startsWith("update"))
                .findFirst()
                .orElseThrow();
        assertThat(update.rows()).isEqualTo(3);
        assertThat(update.fingerprint()).isEqualTo("update item set note = note where id in (?)");
    }

    @Test
    void jooqOverAWrappedDataSourceWithTheListenerRecordsEachStatementOnce() {
        QueryInstrumentation qi = QueryInstrumentation.builder().build();
        QueryInstrumentation other = QueryInstrumentation.builder().build();
        DSLContext both = DSL.using(new DefaultConfiguration()
                .set(qi.wrap(PG.database().dataSource()))
                .set(SQLDialect.POSTGRES)
                .set(qi.executeListener(), other.executeListener()));
        both.fetch("select 1");
        both.select(DSL.field("id"))
                .from("item")
                .where(DSL.field("owner").eq(7))
                .fetch();
        try (QueryScope scope = QueryScope.open(10)) {
            both.fetch("select 2");
            assertThat(scope.statements()).as("%s", scope.statements()).hasSize(2); // qi once, the other once
        }
        List<FingerprintStats> top = qi.stats().snapshot().top();
        assertThat(top)
                .extracting(FingerprintStats::fingerprint)
                .containsExactlyInAnyOrder("select ?", "select id from item where owner = ?");
        assertThat(top)
                .allSatisfy(s -> assertThat(s.calls()).isEqualTo(s.fingerprint().equals("select ?") ? 2 : 1));
        FingerprintStats owner7 = top.stream()
                .filter(s -> s.fingerprint().contains("owner"))
                .findFirst()
                .orElseThrow();
        assertThat(owner7.rows()).isEqualTo(500);
        // another instrumentation's listener on the same connections still records its own statistics
        assertThat(other.stats().snapshot().top())
                .extracting(FingerprintStats::calls)
                .containsExactlyInAnyOrder(2L, 1L);
    }

    @Test
    void jdbcWrapperRecordsStatementsAndPassesDriverErrorsThrough() throws Exception {
        QueryInstrumentation qi = QueryInstrumentation.builder().build();
        DataSource ds = qi.wrap(PG.database().dataSource());
        try (Connection c = ds.getConnection()) {
            for (int i = 0; i < 3; i++) {
                try (PreparedStatement ps = c.prepareStatement("select note from item where id = ?")) {
                    ps.setLong(1, i + 1);
                    ps.executeQuery().close();
                }
            }
            try (Statement st = c.createStatement()) {
                assertThat(st.executeUpdate("update item set note = note where id <= 4"))
                        .isEqualTo(4);
                assertThatThrownBy(() -> st.executeQuery("select * from no_such_table"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("no_such_table");
            }
            assertThat(c.unwrap(Connection.class)).isNotNull();
        }
        List<FingerprintStats> top = qi.stats().snapshot().top();
        assertThat(top)
                .extracting(FingerprintStats::fingerprint)
                .contains("select note from item where id = ?", "update item set note = note where id <= ?");
        assertThat(top)
                .filteredOn(s -> s.fingerprint().startsWith("select note"))
                .singleElement()
                .satisfies(s -> assertThat(s.calls()).isEqualTo(3));
        assertThat(top)
                .filteredOn(s -> s.fingerprint().startsWith("update"))
                .singleElement()
                .satisfies(s -> assertThat(s.rows()).isEqualTo(4));
    }

    @Test
    void slowQueryIsLoggedWithCallSiteAndItsPlanIsCapturedOffThreadOncePerInterval() throws Exception {
        List<SlowQueryEvent> slow = new CopyOnWriteArrayList<>();
        List<PlanCapturedEvent> plans = new CopyOnWriteArrayList<>();
        List<String> planThreads = new CopyOnWriteArrayList<>();
        CountDownLatch planned = new CountDownLatch(1);
        AtomicLong now = new AtomicLong();
        QueryInstrumentation qi = QueryInstrumentation.builder()
                .slowThreshold(Duration.ZERO)
                .explainWith(PG.database().dataSource())
                .explainInterval(Duration.ofMinutes(1))
                .ticker(now::get)
                .eventListener(new QueryEventListener() {
                    @Override
                    public void onSlowQuery(SlowQueryEvent event) {
                        slow.add(event);
                    }

                    @Override
                    public void onPlanCaptured(PlanCapturedEvent event) {
                        planThreads.add(Thread.currentThread().getName());
                        plans.add(event);
                        planned.countDown();
                    }
                })
                .build();
        DSLContext dsl = dsl(qi);
        dsl.selectFrom(DSL.table("item")).where(DSL.field("note").eq("absent")).fetch();
        assertThat(planned.await(10, TimeUnit.SECONDS)).isTrue();
        dsl.selectFrom(DSL.table("item"))
                .where(DSL.field("note").eq("absent-too"))
                .fetch();
        assertThat(slow).hasSize(2);
        assertThat(slow.get(0).callSite()).contains("QueryInstrumentationIT.slowQueryIsLogged");
        assertThat(slow.get(0).sql()).contains("'absent'");
        PlanCapturedEvent plan = plans.get(0);
        assertThat(planThreads).containsOnly("perfkit-explain");
        assertThat(plan.sql()).isEqualTo(slow.get(0).sql());
        assertThat(plan.plan().findings()).extracting(PlanFinding::kind).contains(PlanFinding.Kind.SEQ_SCAN_SELECTIVE);

        CountDownLatch second = new CountDownLatch(1);
        now.addAndGet(Duration.ofMinutes(2).toNanos());
        dsl.selectFrom(DSL.table("item"))
                .where(DSL.field("note").eq("after-interval"))
                .fetch();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (plans.size() < 2 && System.nanoTime() < deadline) {
            second.await(10, TimeUnit.MILLISECONDS);
        }
        assertThat(plans).hasSize(2);
        qi.close();
    }

    @Test
    void plansCapturedThroughAnInstrumentedDataSourceAreNotRecordedAsStatements() throws Exception {
        CountDownLatch planned = new CountDownLatch(1);
        QueryInstrumentation[] holder = new QueryInstrumentation[1];
        QueryInstrumentation.Builder builder = QueryInstrumentation.builder()
                .slowThreshold(Duration.ZERO)
                .eventListener(new QueryEventListener() {
                    @Override
                    public void onPlanCaptured(PlanCapturedEvent event) {
                        planned.countDown();
                    }
                });
        DataSource lazilyWrapped = (DataSource) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DataSource.class},
                (p, m, a) -> m.invoke(holder[0].wrap(PG.database().dataSource()), a));
        holder[0] = builder.explainWith(lazilyWrapped).build();
        DataSource app = holder[0].wrap(PG.database().dataSource());
        try (Connection c = app.getConnection();
                Statement st = c.createStatement()) {
            st.executeQuery("select count(*) from item where owner = 3").close();
        }
        assertThat(planned.await(10, TimeUnit.SECONDS)).isTrue();
        holder[0].close();
        assertThat(holder[0].stats().snapshot().top())
                .extracting(FingerprintStats::fingerprint)
                .containsExactly("select count(*) from item where owner = ?");
    }

    @Test
    void failingExplainNeverBreaksTheQuery() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        DataSource broken = qiDataSourceThatFails(done);
        QueryInstrumentation qi = QueryInstrumentation.builder()
                .slowThreshold(Duration.ZERO)
                .explainWith(broken)
                .build();
        DSLContext dsl = dsl(qi);
        assertThat(dsl.fetchCount(DSL.table("item"))).isEqualTo(50000);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(dsl.fetchCount(DSL.table("item"))).isEqualTo(50000);
        qi.close();
    }

    private static DataSource qiDataSourceThatFails(CountDownLatch done) {
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(
                QueryInstrumentationIT.class.getClassLoader(), new Class<?>[] {DataSource.class}, (p, m, a) -> {
                    done.countDown();
                    throw new SQLException("explain connection refused");
                });
    }

    @Test
    void aThrowingEventListenerNeverReachesTheQuery() {
        QueryInstrumentation qi = QueryInstrumentation.builder()
                .slowThreshold(Duration.ZERO)
                .eventListener(new QueryEventListener() {
                    @Override
                    public void onSlowQuery(SlowQueryEvent event) {
                        throw new IllegalStateException("listener bug");
                    }
                })
                .build();
        assertThat(dsl(qi).fetchValue("select 42")).isEqualTo(42);
        assertThatThrownBy(() -> dsl(qi).fetch("select * from no_such_table"))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("no_such_table");
    }

    @Test
    void nPlusOneInAScopeNamesTheLoopsCallSiteOnce() {
        QueryInstrumentation qi = QueryInstrumentation.builder().build();
        List<NPlusOneEvent> seen = new CopyOnWriteArrayList<>();
        QueryInstrumentation withListener = QueryInstrumentation.builder()
                .eventListener(new QueryEventListener() {
                    @Override
                    public void onNPlusOne(NPlusOneEvent event) {
                        seen.add(event);
                    }
                })
                .build();
        DSLContext dsl = dsl(withListener);
        try (QueryScope scope = QueryScope.open(3)) {
            for (int id = 1; id <= 10; id++) {
                dsl.fetch("select note from item where id = ?", id);
            }
            dsl.fetch("select count(*) from item");
            assertThat(scope.statementCount()).isEqualTo(11);
            assertThat(scope.statements().get(0).sql()).isEqualTo("select note from item where id = 1");
            assertThat(scope.nPlusOneEvents()).singleElement().satisfies(e -> {
                assertThat(e.fingerprint()).isEqualTo("select note from item where id = ?");
                assertThat(e.count()).isEqualTo(10);
                assertThat(e.callSite()).startsWith(QueryInstrumentationIT.class.getName() + ".nPlusOneInAScope");
            });
            assertThat(seen).isEmpty(); // reported when the scope closes, with the final count
        }
        assertThat(seen).singleElement().satisfies(e -> assertThat(e.count()).isEqualTo(10));
        assertThat(QueryScope.current()).isEmpty();
        assertThat(qi.stats().snapshot().top()).isEmpty();
    }

    @Test
    void builderRejectsBadValues() {
        assertThatThrownBy(() -> QueryInstrumentation.builder().topN(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topN")
                .hasMessageContaining("0");
        assertThatThrownBy(() -> QueryInstrumentation.builder().slowThreshold(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slowThreshold");
        assertThatThrownBy(() -> QueryInstrumentation.builder().explainWith(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("dataSource");
        assertThatThrownBy(() -> QueryScope.open(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threshold");
    }
}
