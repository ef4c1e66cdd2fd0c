package dev.perfkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.db.jooq.BatchWriter;
import dev.perfkit.db.jooq.KeysetPager;
import dev.perfkit.db.jooq.Page;
import dev.perfkit.testsupport.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The module's README example, kept compiling and working. */
class ReadmeExampleIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @Test
    void readmeExample() {
        DataSource dataSource = PG.database().dataSource();
        PG.database().execute("create table orders (id bigint primary key, note text)");
        byte[] secret = "a-secret-of-at-least-16-bytes".getBytes(StandardCharsets.UTF_8);
        List<Object[]> rows = new ArrayList<>();
        for (long i = 1; i <= 250; i++) {
            rows.add(new Object[] {i, "n" + i});
        }

        // --- README ---
        QueryInstrumentation instrumentation = QueryInstrumentation.builder()
                .slowThreshold(Duration.ofMillis(200))
                .explainWith(dataSource) // plans of slow statements, captured off-thread
                .build();
        DSLContext dsl = DSL.using(new DefaultConfiguration()
                .set(dataSource)
                .set(SQLDialect.POSTGRES)
                .set(instrumentation.executeListener()));

        Field<Long> id = DSL.field("id", Long.class);
        Field<String> note = DSL.field("note", String.class);
        BatchWriter.ofSize(1000).insert(dsl, DSL.table("orders"), List.of(id, note), rows);

        KeysetPager<Record> pager = KeysetPager.builder(DSL.table("orders"))
                .orderBy(id)
                .pageSize(100)
                .secret(secret)
                .build(dsl);
        Page<Record> page = pager.first(dsl);
        while (page.nextToken().isPresent()) { // the token is opaque and HMAC-checked
            page = pager.next(dsl, page.nextToken().get());
        }

        try (QueryScope scope = QueryScope.open(10)) { // N+1 detection for one unit of work
            for (long i = 1; i <= 20; i++) {
                dsl.fetch("select note from orders where id = ?", i);
            }
            assertThat(scope.nPlusOneEvents()).hasSize(1);
        }
        for (FingerprintStats s : instrumentation.stats().snapshot().top()) {
            System.out.printf(
                    "%6d calls %8.1f ms  %s%n", s.calls(), s.totalTime().toNanos() / 1e6, s.fingerprint());
        }
        instrumentation.close();
        // --- end README ---

        assertThat(page.rows()).hasSize(50);
    }
}
