package dev.perfkit.db.jooq.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.testsupport.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KeysetPagerSnippetsIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @BeforeAll
    static void createTable() {
        PG.database()
                .execute(
                        "create table orders (id bigint primary key, created timestamp not null)",
                        "insert into orders select g, timestamp '2024-01-01' + (g % 9 || ' days')::interval "
                                + "from generate_series(1, 237) g");
    }

    @Test
    void theDocumentedExampleReadsEveryOrderNewestFirst() {
        DSLContext dsl = DSL.using(PG.database().dataSource(), SQLDialect.POSTGRES);
        byte[] secret = "0123456789abcdef-secret".getBytes(StandardCharsets.UTF_8);
        List<Long> ids = KeysetPagerSnippets.basic(dsl, secret);
        List<Long> expected = dsl.select(DSL.field("id", Long.class))
                .from("orders")
                .orderBy(
                        DSL.field("created", LocalDateTime.class).desc(),
                        DSL.field("id").desc())
                .fetch(DSL.field("id", Long.class));
        assertThat(ids).hasSize(237).isEqualTo(expected);
    }
}
