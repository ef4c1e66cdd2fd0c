package dev.perfkit.db.jooq;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Keyset ("seek") pagination over a unique ordering of one or several non-null columns: each page is a
 * {@code WHERE (a, b) > (?, ?) ORDER BY a, b LIMIT n} that an index answers in constant time, unlike
 * OFFSET, which reads and discards every earlier row. The position travels as an opaque token that is
 * HMAC-checked and typed by the ordering: a token that does not decode, was altered, or belongs to another
 * ordering is rejected with {@link IllegalArgumentException} before any SQL is built.
 *
 * <pre>{@code
 * KeysetPager<Record> pager = KeysetPager.builder(DSL.table("orders"))
 *     .orderBy(DSL.field("created", LocalDateTime.class), DSL.field("id", Long.class))
 *     .pageSize(50).secret(secretBytes).build();
 * Page<Record> first = pager.first(dsl);
 * Page<Record> second = pager.next(dsl, first.nextToken().orElseThrow());
 * }</pre>
 *
 * @param <R> the record type of the table
 */
public final class KeysetPager<R extends Record> {
    private final Table<R> table;
    private final List<Field<?>> ordering;
    private final boolean descending;
    private final int pageSize;
    private final Condition where;
    private final CursorCodec codec;

    KeysetPager(KeysetPagerBuilder<R> b) {
        this.table = b.table;
        this.ordering = List.copyOf(b.ordering);
        this.descending = b.descending;
        this.pageSize = b.pageSize;
        this.where = b.where;
        List<Class<?>> types = new ArrayList<>();
        StringBuilder description = new StringBuilder(table.getQualifiedName().toString());
        for (Field<?> f : ordering) {
            types.add(f.getType());
            description
                    .append('|')
                    .append(f.getQualifiedName())
                    .append(':')
                    .append(f.getType().getName());
        }
        description.append(descending ? "|desc" : "|asc");
        this.codec = new CursorCodec(description.toString(), types, b.secret);
    }

    /**
     * Starts a builder for pages of {@code table}.
     *
     * @throws NullPointerException if {@code table} is null
     */
    public static <R extends Record> KeysetPagerBuilder<R> builder(Table<R> table) {
        return new KeysetPagerBuilder<>(Objects.requireNonNull(table, "table"));
    }

    /**
     * Fetches the first page.
     *
     * @throws IllegalStateException if an ordering column of the last row is null
     */
    public Page<R> first(DSLContext dsl) {
        return fetch(dsl, where);
    }

    /**
     * Fetches the page after the one that produced {@code token}.
     *
     * @throws IllegalArgumentException if the token does not decode, was altered, or belongs to another ordering
     * @throws NullPointerException if an argument is null
     */
    public Page<R> next(DSLContext dsl, String token) {
        Objects.requireNonNull(token, "token");
        List<Object> values = codec.decode(token);
        List<Field<?>> bounds = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            bounds.add(typedValue(ordering.get(i), values.get(i)));
        }
        Condition seek = descending
                ? DSL.row(ordering).lt(DSL.row(bounds))
                : DSL.row(ordering).gt(DSL.row(bounds));
        return fetch(dsl, where.and(seek));
    }

    private Page<R> fetch(DSLContext dsl, Condition condition) {
        Objects.requireNonNull(dsl, "dsl");
        List<SortField<?>> sort = new ArrayList<>(ordering.size());
        for (Field<?> f : ordering) {
            sort.add(descending ? f.desc() : f.asc());
        }
        List<R> rows = new ArrayList<>(dsl.selectFrom(table)
                .where(condition)
                .orderBy(sort)
                .limit(pageSize + 1)
                .fetch());
        String nextToken = null;
        if (rows.size() > pageSize) {
            rows.remove(rows.size() - 1);
            nextToken = tokenAfter(rows.get(rows.size() - 1));
        }
        return Page.of(rows, nextToken);
    }

    private String tokenAfter(R last) {
        List<@Nullable Object> values = new ArrayList<>(ordering.size());
        for (Field<?> f : ordering) {
            Object v = last.get(f, f.getType());
            if (v == null) {
                throw new IllegalStateException("ordering column " + f.getName()
                        + " is null in a fetched row; keyset pagination needs non-null unique ordering columns");
            }
            values.add(v);
        }
        return codec.encode(values);
    }

    @SuppressWarnings("unchecked")
    private static <T> Field<T> typedValue(Field<T> field, Object value) {
        return DSL.val((T) value, field);
    }
}
