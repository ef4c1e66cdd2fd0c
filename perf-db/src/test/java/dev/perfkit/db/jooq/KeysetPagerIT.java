package dev.perfkit.db.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.testsupport.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KeysetPagerIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    static final Field<Long> ID = DSL.field("id", Long.class);
    static final Field<LocalDateTime> CREATED = DSL.field("created", LocalDateTime.class);
    static final Field<String> NOTE = DSL.field("note", String.class);
    static final byte[] KEY = "0123456789abcdef-secret".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void createTable() {
        PG.database()
                .execute(
                        "create table ev (id bigint primary key, created timestamp not null, note text not null)",
                        "insert into ev select g, timestamp '2024-01-01' + ((g % 7) || ' hours')::interval, 'n' || g "
                                + "from generate_series(1, 1003) g");
    }

    private static DSLContext dsl() {
        return DSL.using(PG.database().dataSource(), SQLDialect.POSTGRES);
    }

    private static List<Long> readAll(KeysetPager<Record> pager) {
        List<Long> ids = new ArrayList<>();
        Page<Record> page = pager.first(dsl());
        while (true) {
            page.rows().forEach(r -> ids.add(r.get(ID)));
            if (page.nextToken().isEmpty()) {
                return ids;
            }
            page = pager.next(dsl(), page.nextToken().get());
        }
    }

    @Test
    void pagingOnTheKeyVisitsEveryRowOnceInOrder() {
        KeysetPager<Record> pager = KeysetPager.builder(DSL.table("ev"))
                .orderBy(ID)
                .pageSize(100)
                .secret(KEY)
                .build();
        Page<Record> first = pager.first(dsl());
        assertThat(first.rows()).hasSize(100);
        List<Long> ids = readAll(pager);
        assertThat(ids).hasSize(1003).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void pagingOnSeveralColumnsFollowsTheCompositeOrder() {
        KeysetPager<Record> pager = KeysetPager.builder(DSL.table("ev"))
                .orderBy(CREATED, ID)
                .pageSize(64)
                .build();
        List<Long> ids = readAll(pager);
        List<Long> expected = dsl().select(ID).from("ev").orderBy(CREATED, ID).fetch(ID);
        assertThat(ids).isEqualTo(expected);
    }

    @Test
    void descendingWithAFilterAndAnExactLastPage() {
        KeysetPager<Record> pager = KeysetPager.builder(DSL.table("ev"))
                .orderBy(ID)
                .descending()
                .where(ID.le(200L))
                .pageSize(50)
                .build();
        List<Long> ids = readAll(pager);
        assertThat(ids).hasSize(200).startsWith(200L, 199L).endsWith(1L);
    }

    @Test
    void badTokensAreRejectedBeforeAnySql() {
        KeysetPager<Record> pager = KeysetPager.builder(DSL.table("ev"))
                .orderBy(ID)
                .pageSize(10)
                .secret(KEY)
                .build();
        String token = pager.first(dsl()).nextToken().orElseThrow();
        byte[] raw = Base64.getUrlDecoder().decode(token);
        raw[10] ^= 1;
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertThatThrownBy(() -> pager.next(dsl(), tampered))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("altered");
        assertThatThrownBy(() -> pager.next(dsl(), "not base64 !!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base64url");
        assertThatThrownBy(() -> pager.next(dsl(), "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pager.next(dsl(), "A".repeat(5000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4096");
        assertThatThrownBy(() -> pager.next(dsl(), "AAAA"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> pager.next(dsl(), null)).isInstanceOf(NullPointerException.class);

        KeysetPager<Record> otherOrdering = KeysetPager.builder(DSL.table("ev"))
                .orderBy(CREATED, ID)
                .secret(KEY)
                .build();
        assertThatThrownBy(() -> otherOrdering.next(dsl(), token))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another ordering");
        KeysetPager<Record> otherKey = KeysetPager.builder(DSL.table("ev"))
                .orderBy(ID)
                .secret("another-key-of-16-bytes".getBytes(StandardCharsets.UTF_8))
                .build();
        assertThatThrownBy(() -> otherKey.next(dsl(), token))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another key");
        KeysetPager<Record> descending = KeysetPager.builder(DSL.table("ev"))
                .orderBy(ID)
                .descending()
                .secret(KEY)
                .build();
        assertThatThrownBy(() -> descending.next(dsl(), token))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another ordering");
    }

    @Test
    void builderRejectsBadValues() {
        assertThatThrownBy(() -> KeysetPager.builder(DSL.table("ev")).pageSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pageSize")
                .hasMessageContaining("0");
        assertThatThrownBy(() -> KeysetPager.builder(DSL.table("ev")).orderBy())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("orderBy");
        assertThatThrownBy(() -> KeysetPager.builder(DSL.table("ev")).orderBy(ID, ID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("distinct");
        assertThatThrownBy(() -> KeysetPager.builder(DSL.table("ev")).secret(new byte[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16");
        assertThatThrownBy(() -> KeysetPager.builder(DSL.table("ev")).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> KeysetPager.builder(DSL.table("ev"))
                        .orderBy(DSL.field("x", Object.class))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not supported");
        assertThat(NOTE.getName()).isEqualTo("note");
    }
}
