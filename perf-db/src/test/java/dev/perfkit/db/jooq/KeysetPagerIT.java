package dev.perfkit.db.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.testsupport.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KeysetPagerIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    static final Field<Long> ID = DSL.field("id", Long.class);
    static final Field<Integer> GRP = DSL.field("grp", Integer.class);
    static final Field<Integer> SCORE = DSL.field("score", Integer.class);
    static final Field<LocalDateTime> CREATED = DSL.field("created", LocalDateTime.class);
    static final Field<String> CODE = DSL.field("code", String.class);
    static final byte[] KEY = "0123456789abcdef-secret".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void createTables() {
        PG.database()
                .execute(
                        "create table kp (id bigint primary key, grp int, score int not null, "
                                + "created timestamp not null, code text not null unique, note text)",
                        "insert into kp select g, case when g % 10 = 0 then null else g % 13 end, g % 37, "
                                + "timestamp '2024-01-01' + ((g % 7) || ' hours')::interval, 'c' || g, null "
                                + "from generate_series(1, 1000) g",
                        "create table kp_nopk (id bigint not null, score int not null)",
                        "insert into kp_nopk select g, g % 5 from generate_series(1, 100) g",
                        "create table orders (id bigint primary key, created timestamp not null)",
                        "insert into orders select g, timestamp '2024-01-01' + (g % 9 || ' days')::interval "
                                + "from generate_series(1, 237) g");
    }

    private static DSLContext dsl() {
        return DSL.using(PG.database().dataSource(), SQLDialect.POSTGRES);
    }

    private static KeysetPager<Record> pager(int pageSize, SortField<?>... ordering) {
        return KeysetPager.builder(DSL.table("kp"))
                .orderBy(ordering)
                .pageSize(pageSize)
                .secret(KEY)
                .build(dsl());
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

    /** The invariant: the pages, joined, are exactly the table in the pager's (unique) order. */
    private static void assertVisitsEveryRowOnceInOrder(KeysetPager<Record> pager) {
        List<Long> expected =
                dsl().select(ID).from("kp").orderBy(pager.ordering()).fetch(ID);
        assertThat(expected).hasSize(1000);
        assertThat(readAll(pager)).as("ordering %s", pager.ordering()).isEqualTo(expected);
    }

    @Test
    void pagingOnTheKeyVisitsEveryRowOnceInOrder() {
        KeysetPager<Record> pager = pager(100, ID.asc());
        assertThat(pager.first(dsl()).rows()).hasSize(100);
        assertThat(readAll(pager)).hasSize(1000).doesNotHaveDuplicates().isSorted();
        assertThat(pager.ordering()).hasSize(1);
    }

    @Test
    void nullableColumnsPageTheirNullRowsAtEveryPageSize() {
        for (int size : new int[] {7, 90, 100}) {
            assertVisitsEveryRowOnceInOrder(pager(size, GRP.asc().nullsLast(), ID.asc()));
            assertVisitsEveryRowOnceInOrder(pager(size, GRP.asc().nullsFirst(), ID.asc()));
            assertVisitsEveryRowOnceInOrder(pager(size, GRP.desc().nullsLast(), ID.desc()));
            assertVisitsEveryRowOnceInOrder(pager(size, GRP.desc().nullsFirst(), ID.asc()));
        }
    }

    @Test
    void aNullableColumnWithoutNullPlacementIsRejectedNamingIt() {
        assertThatThrownBy(() -> pager(10, GRP.asc(), ID.asc()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ordering column grp")
                .hasMessageContaining("nullable")
                .hasMessageContaining("NULLS LAST");
    }

    @Test
    void aNonUniqueOrderingGetsThePrimaryKeyAppended() {
        KeysetPager<Record> byScore = pager(7, SCORE.asc());
        assertThat(byScore.ordering()).hasSize(2);
        assertThat(byScore.ordering().get(1).getName()).isEqualTo("id");
        assertVisitsEveryRowOnceInOrder(byScore);
        KeysetPager<Record> byTime = pager(90, CREATED.desc());
        assertThat(byTime.ordering().get(1).getOrder()).isEqualTo(org.jooq.SortOrder.DESC);
        assertVisitsEveryRowOnceInOrder(byTime);
    }

    @Test
    void aUniqueNotNullColumnNeedsNothingAppended() {
        KeysetPager<Record> byCode = pager(33, CODE.desc());
        assertThat(byCode.ordering()).hasSize(1);
        assertVisitsEveryRowOnceInOrder(byCode);
    }

    @Test
    void mixedDirectionsFollowTheirOrder() {
        assertVisitsEveryRowOnceInOrder(pager(13, SCORE.desc(), CREATED.asc(), ID.desc()));
        assertVisitsEveryRowOnceInOrder(pager(50, CREATED.asc(), SCORE.desc()));
    }

    @Test
    void randomOrderingsAndPageSizesAlwaysVisitEveryRowOnce() {
        Random random = new Random(42);
        List<Field<?>> columns = List.of(GRP, SCORE, CREATED, ID);
        for (int round = 0; round < 25; round++) {
            List<Field<?>> shuffled = new ArrayList<>(columns);
            java.util.Collections.shuffle(shuffled, random);
            int n = 1 + random.nextInt(shuffled.size());
            SortField<?>[] ordering = new SortField<?>[n];
            for (int i = 0; i < n; i++) {
                SortField<?> item = random.nextBoolean()
                        ? shuffled.get(i).asc()
                        : shuffled.get(i).desc();
                if (shuffled.get(i) == GRP || random.nextInt(4) == 0) {
                    item = random.nextBoolean() ? item.nullsFirst() : item.nullsLast();
                }
                ordering[i] = item;
            }
            assertVisitsEveryRowOnceInOrder(pager(1 + random.nextInt(150), ordering));
        }
    }

    @Test
    void withoutAPrimaryKeyANonUniqueOrderingIsRejected() {
        assertThatThrownBy(() -> KeysetPager.builder(DSL.table("kp_nopk"))
                        .orderBy(SCORE)
                        .secret(KEY)
                        .build(dsl()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not unique")
                .hasMessageContaining("no primary key");
        assertThatThrownBy(() -> KeysetPager.builder(DSL.table("kp"))
                        .orderBy(DSL.field("lower(code)", String.class))
                        .secret(KEY)
                        .build(dsl()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lower(code)")
                .hasMessageContaining("not a column");
        assertThatThrownBy(() -> KeysetPager.builder(DSL.table("missing"))
                        .orderBy(ID)
                        .secret(KEY)
                        .build(dsl()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void badTokensAreRejectedBeforeAnySqlWithOneMessage() {
        KeysetPager<Record> pager = pager(10, ID.asc());
        String token = pager.first(dsl()).nextToken().orElseThrow();
        byte[] raw = Base64.getUrlDecoder().decode(token);
        raw[10] ^= 1;
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        KeysetPager<Record> otherOrdering = pager(10, CREATED.asc(), ID.asc());
        KeysetPager<Record> descending = pager(10, ID.desc());
        KeysetPager<Record> otherKey = KeysetPager.builder(DSL.table("kp"))
                .orderBy(ID)
                .secret("another-key-of-16-bytes".getBytes(StandardCharsets.UTF_8))
                .build(dsl());
        List<Runnable> attempts = List.of(
                () -> pager.next(dsl(), tampered),
                () -> pager.next(dsl(), "not base64 !!"),
                () -> pager.next(dsl(), ""),
                () -> pager.next(dsl(), "A".repeat(5000)),
                () -> pager.next(dsl(), "AAAA"),
                () -> otherOrdering.next(dsl(), token),
                () -> descending.next(dsl(), token),
                () -> otherKey.next(dsl(), token));
        for (Runnable attempt : attempts) {
            assertThatThrownBy(attempt::run)
                    .isInstanceOf(InvalidCursorException.class)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("invalid page token");
        }
        assertThatThrownBy(() -> pager.next(dsl(), null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theSecretIsRequired() {
        assertThatThrownBy(
                        () -> KeysetPager.builder(DSL.table("kp")).orderBy(ID).build(dsl()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("secret");
        assertThatThrownBy(() -> KeysetPager.builder(DSL.table("kp")).secret(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("secret");
        assertThatThrownBy(() -> KeysetPager.builder(DSL.table("kp")).secret(new byte[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16")
                .hasMessageContaining("3");
    }

    @Test
    void builderRejectsBadValues() {
        assertThatThrownBy(() -> KeysetPager.builder(DSL.table("kp")).pageSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pageSize")
                .hasMessageContaining("0");
        assertThatThrownBy(() -> KeysetPager.builder(DSL.table("kp")).orderBy(new Field<?>[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("orderBy");
        assertThatThrownBy(() -> KeysetPager.builder(DSL.table("kp")).orderBy(ID, ID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("distinct");
        assertThatThrownBy(
                        () -> KeysetPager.builder(DSL.table("kp")).secret(KEY).build(dsl()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("orderBy");
        assertThatThrownBy(() -> KeysetPager.builder(DSL.table("kp"))
                        .orderBy(DSL.field("note"))
                        .secret(KEY)
                        .build(dsl()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
