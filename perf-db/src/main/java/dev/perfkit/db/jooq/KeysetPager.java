package dev.perfkit.db.jooq;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyset ("seek") pagination: each page is a {@code WHERE (a, b) > (?, ?) ORDER BY a, b LIMIT n} that an
 * index answers in constant time, unlike OFFSET, which reads and discards every earlier row. The position
 * travels as an opaque token, HMAC-signed with the builder's secret and typed by the ordering; a token that
 * does not decode, was altered, or belongs to another ordering raises {@link InvalidCursorException}
 * before any SQL is built.
 *
 * <p>A wrong answer is never silent. {@link Builder#build(DSLContext)} checks the ordering against the
 * catalog: it must end in a unique key of NOT NULL columns, or the primary key is appended (logged, and
 * visible in {@link #ordering()}); a nullable column must say where its NULLs go ({@code NULLS FIRST} or
 * {@code NULLS LAST}), and its NULL rows are then paged like any other value. Directions may be mixed.
 *
 * {@snippet class=dev.perfkit.db.jooq.snippets.KeysetPagerSnippets region=basic}
 *
 * @param <R> the record type of the table
 */
// Error Prone 2.42 (the newest on JDK 17) does not know JDK 18's {@snippet} tag, the project's convention.
@SuppressWarnings("InvalidInlineTag")
public final class KeysetPager<R extends Record> {
    private static final Logger LOG = LoggerFactory.getLogger(KeysetPager.class);

    private final Table<R> table;
    private final List<KeysetColumn> columns;
    private final int pageSize;
    private final Condition where;
    private final CursorCodec codec;

    private KeysetPager(Builder<R> b, List<KeysetColumn> columns, byte[] secret) {
        this.table = b.table;
        this.columns = List.copyOf(columns);
        this.pageSize = b.pageSize;
        this.where = b.where;
        String description = table.getQualifiedName() + "|"
                + columns.stream().map(KeysetColumn::describe).collect(Collectors.joining("|"));
        this.codec = new CursorCodec(
                description,
                columns.stream().<Class<?>>map(c -> c.field().getType()).toList(),
                columns.stream().map(KeysetColumn::nullable).toList(),
                secret);
    }

    /**
     * Starts a builder for pages of {@code table}.
     *
     * @throws NullPointerException if {@code table} is null
     */
    public static <R extends Record> Builder<R> builder(Table<R> table) {
        return new Builder<>(Objects.requireNonNull(table, "table"));
    }

    /** The ordering the pages follow: the builder's, plus the primary key columns appended to make it unique. */
    public List<SortField<?>> ordering() {
        return columns.stream().<SortField<?>>map(KeysetColumn::sortField).toList();
    }

    /**
     * Fetches the first page.
     *
     * @throws NullPointerException if {@code dsl} is null
     */
    public Page<R> first(DSLContext dsl) {
        return fetch(dsl, where);
    }

    /**
     * Fetches the page after the one that produced {@code token}.
     *
     * @throws InvalidCursorException if the token does not decode, was altered, or belongs to another ordering
     * @throws NullPointerException if an argument is null
     */
    public Page<R> next(DSLContext dsl, String token) {
        Objects.requireNonNull(token, "token");
        return fetch(dsl, where.and(KeysetColumn.after(columns, codec.decode(token))));
    }

    private Page<R> fetch(DSLContext dsl, Condition condition) {
        Objects.requireNonNull(dsl, "dsl");
        List<R> rows = new ArrayList<>(dsl.selectFrom(table)
                .where(condition)
                .orderBy(ordering())
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
        List<@Nullable Object> values = new ArrayList<>(columns.size());
        for (KeysetColumn c : columns) {
            values.add(last.get(c.field(), c.field().getType()));
        }
        return codec.encode(values);
    }

    /**
     * Configures a {@link KeysetPager}; each setter checks its value at once, and {@link #build} checks the
     * ordering against the catalog.
     *
     * @param <R> the record type of the table
     */
    public static final class Builder<R extends Record> {
        private final Table<R> table;
        private List<SortField<?>> ordering = List.of();
        private int pageSize = 50;
        private Condition where = DSL.noCondition();
        private byte @Nullable [] secret;

        private Builder(Table<R> table) {
            this.table = table;
        }

        /**
         * Orders by these columns, ascending. Supported types: Long, Integer, Short, String, UUID, BigDecimal,
         * Boolean, LocalDate, LocalDateTime, OffsetDateTime, Instant.
         *
         * @throws IllegalArgumentException if no column, more than 16, or a duplicate column is given
         * @throws NullPointerException if a column is null
         */
        public Builder<R> orderBy(Field<?>... columns) {
            Objects.requireNonNull(columns, "columns");
            SortField<?>[] items = new SortField<?>[columns.length];
            for (int i = 0; i < columns.length; i++) {
                items[i] = Objects.requireNonNull(columns[i], "column").asc();
            }
            return orderBy(items);
        }

        /**
         * Orders by these items, each ascending or descending; a nullable column needs {@code nullsFirst()}
         * or {@code nullsLast()}, for example {@code GRP.desc().nullsLast(), ID.asc()}.
         *
         * @throws IllegalArgumentException if no item, more than 16, or a column twice is given
         * @throws NullPointerException if an item is null
         */
        public Builder<R> orderBy(SortField<?>... items) {
            Objects.requireNonNull(items, "items");
            if (items.length == 0 || items.length > 16) {
                throw new IllegalArgumentException("orderBy needs 1..16 columns, but got " + items.length);
            }
            List<Field<?>> fields = new ArrayList<>();
            for (SortField<?> item : items) {
                fields.add(Objects.requireNonNull(item, "item").$field());
            }
            if (new HashSet<>(fields).size() != fields.size()) {
                throw new IllegalArgumentException("orderBy columns must be distinct, but were " + fields);
            }
            this.ordering = List.of(items);
            return this;
        }

        /**
         * Rows per page (default 50).
         *
         * @throws IllegalArgumentException if {@code size} is outside 1..10000
         */
        public Builder<R> pageSize(int size) {
            if (size < 1 || size > 10_000) {
                throw new IllegalArgumentException("pageSize must be between 1 and 10000, but was " + size);
            }
            this.pageSize = size;
            return this;
        }

        /**
         * A filter applied to every page (default none).
         *
         * @throws NullPointerException if {@code condition} is null
         */
        public Builder<R> where(Condition condition) {
            this.where = Objects.requireNonNull(condition, "condition");
            return this;
        }

        /**
         * The HMAC key that signs the tokens, so clients cannot forge positions (required): at least 16
         * random bytes, the same on every instance that serves the same listing.
         *
         * @throws IllegalArgumentException if {@code secret} is shorter than 16 bytes
         * @throws NullPointerException if {@code secret} is null
         */
        public Builder<R> secret(byte[] secret) {
            Objects.requireNonNull(secret, "secret");
            if (secret.length < 16) {
                throw new IllegalArgumentException("secret must have at least 16 bytes, but had " + secret.length);
            }
            this.secret = secret.clone();
            return this;
        }

        /**
         * Checks the ordering against the table's catalog through {@code dsl} and builds the pager.
         *
         * @throws IllegalStateException if {@link #orderBy} or {@link #secret} was not called
         * @throws IllegalArgumentException naming the column when an ordering item is not a column of the
         *     table, a nullable column has no NULLS FIRST/LAST, the ordering is not unique and the table has
         *     no primary key, or a column's type is not supported; or if the table is not in the catalog
         * @throws NullPointerException if {@code dsl} is null
         */
        public KeysetPager<R> build(DSLContext dsl) {
            Objects.requireNonNull(dsl, "dsl");
            if (ordering.isEmpty()) {
                throw new IllegalStateException("orderBy(...) must be set before build()");
            }
            byte[] key = secret;
            if (key == null) {
                throw new IllegalStateException("secret(...) must be set before build(): page tokens are signed "
                        + "with it so clients cannot forge positions; use at least 16 random bytes shared by "
                        + "every instance that serves the listing");
            }
            List<KeysetColumn> columns = KeysetCatalog.resolve(dsl, table, ordering);
            if (columns.size() > ordering.size()) {
                LOG.info(
                        "KeysetPager on {}: ordering {} is not unique; appended primary key column(s) {}",
                        table.getName(),
                        ordering,
                        columns.subList(ordering.size(), columns.size()).stream()
                                .map(c -> c.field().getName())
                                .toList());
            }
            return new KeysetPager<>(this, columns, key);
        }
    }
}
