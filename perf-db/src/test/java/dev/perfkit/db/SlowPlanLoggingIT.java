package dev.perfkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.testsupport.PostgresExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SlowPlanLoggingIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @BeforeAll
    static void createTable() {
        PG.database()
                .execute(
                        "create table slowlog (id bigint primary key, note text not null)",
                        "insert into slowlog select g, md5(g::text) from generate_series(1, 20000) g",
                        "analyze slowlog");
    }

    @Test
    void aCapturedPlanIsOneWarnLineWhileTheListenerGetsTheWholePlan() throws Exception {
        List<PlanCapturedEvent> plans = new CopyOnWriteArrayList<>();
        CountDownLatch planned = new CountDownLatch(1);
        QueryInstrumentation qi = QueryInstrumentation.builder()
                .slowThreshold(Duration.ZERO)
                .explainWith(PG.database().dataSource())
                .eventListener(new QueryEventListener() {
                    @Override
                    public void onPlanCaptured(PlanCapturedEvent event) {
                        plans.add(event);
                        planned.countDown();
                    }
                })
                .build();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            DSL.using(new DefaultConfiguration()
                            .set(PG.database().dataSource())
                            .set(SQLDialect.POSTGRES)
                            .set(qi.executeListener()))
                    .fetch("select id from slowlog where note = 'absent'");
            assertThat(planned.await(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            System.setErr(original);
            qi.close();
        }
        List<String> lines =
                Arrays.asList(captured.toString(StandardCharsets.UTF_8).split("\n", -1));
        List<String> planLines =
                lines.stream().filter(l -> l.contains("Plan of slow query")).toList();
        assertThat(planLines).singleElement().satisfies(line -> {
            assertThat(line).contains("WARN").contains("Seq Scan on slowlog").contains("cost ");
            assertThat(line).contains("findings: SEQ_SCAN");
        });
        assertThat(lines).noneMatch(l -> l.contains("\"Node Type\""));
        assertThat(plans).singleElement().satisfies(e -> {
            assertThat(e.plan().planText()).contains("\"Node Type\"");
            assertThat(e.plan().planText().lines().count()).isGreaterThan(10);
        });
    }
}
