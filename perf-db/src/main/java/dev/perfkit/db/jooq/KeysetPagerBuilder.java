package dev.perfkit.db.jooq;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Configures a {@link KeysetPager}; each setter checks its value at once.
 *
 * <pre>{@code
 * KeysetPager<Record> pager = KeysetPager.builder(DSL.table("item"))
 *     .orderBy(DSL.field("id", Long.class)).pageSize(100).secret(key).build();
 * }</pre>
 *
 * @param <R> the record type of the table
 */
public final class KeysetPagerBuilder<R extends Record> {
    private static final byte[] UNKEYED = "perfkit-keyset-checksum".getBytes(StandardCharsets.UTF_8);
    final Table<R> table;
    List<Field<?>> ordering = List.of();
    boolean descending;
    int pageSize = 50;
    Condition where = DSL.noCondition();
    byte[] secret = UNKEYED;

    KeysetPagerBuilder(Table<R> table) {
        this.table = table;
    }

    /**
     * The ordering: one or several non-null columns that together are unique (a primary key, or a sort
     * column followed by the primary key). Supported types: Long, Integer, Short, String, UUID, BigDecimal,
     * Boolean, LocalDate, LocalDateTime, OffsetDateTime, Instant.
     *
     * @throws IllegalArgumentException if no column or a duplicate column is given
     * @throws NullPointerException if a column is null
     */
    public KeysetPagerBuilder<R> orderBy(Field<?>... columns) {
        Objects.requireNonNull(columns, "columns");
        if (columns.length == 0 || columns.length > 16) {
            throw new IllegalArgumentException("orderBy needs 1..16 columns, but got " + columns.length);
        }
        for (Field<?> c : columns) {
            Objects.requireNonNull(c, "column");
        }
        if (new HashSet<>(Arrays.asList(columns)).size() != columns.length) {
            throw new IllegalArgumentException(
                    "orderBy columns must be distinct, but were " + Arrays.toString(columns));
        }
        this.ordering = List.of(columns);
        return this;
    }

    /** Orders all columns descending instead of ascending. */
    public KeysetPagerBuilder<R> descending() {
        this.descending = true;
        return this;
    }

    /**
     * Rows per page (default 50).
     *
     * @throws IllegalArgumentException if {@code size} is outside 1..10000
     */
    public KeysetPagerBuilder<R> pageSize(int size) {
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
    public KeysetPagerBuilder<R> where(Condition condition) {
        this.where = Objects.requireNonNull(condition, "condition");
        return this;
    }

    /**
     * The HMAC key of the tokens, so clients cannot forge positions (default: a fixed key, which still
     * detects corruption but not forgery).
     *
     * @throws IllegalArgumentException if {@code key} is shorter than 16 bytes
     * @throws NullPointerException if {@code key} is null
     */
    public KeysetPagerBuilder<R> secret(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < 16) {
            throw new IllegalArgumentException("secret must have at least 16 bytes, but had " + key.length);
        }
        this.secret = key.clone();
        return this;
    }

    /**
     * Builds the pager.
     *
     * @throws IllegalStateException if {@link #orderBy} was not called
     * @throws IllegalArgumentException if an ordering column's type is not supported
     */
    public KeysetPager<R> build() {
        if (ordering.isEmpty()) {
            throw new IllegalStateException("orderBy(...) must be set before build()");
        }
        return new KeysetPager<>(this);
    }
}
