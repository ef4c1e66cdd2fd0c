package dev.perfkit.db.jooq;

import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * One column of a keyset ordering, with its direction and, for a nullable column, where its NULLs sort.
 *
 * @param field the column
 * @param descending whether it is ordered descending
 * @param nullable whether the catalog lets it hold NULL
 * @param nullsLast for a nullable column, whether NULLs come after the values in the page order
 */
record KeysetColumn(Field<?> field, boolean descending, boolean nullable, boolean nullsLast) {

    /** The ORDER BY item. */
    SortField<?> sortField() {
        SortField<?> sort = descending ? field.desc() : field.asc();
        return nullable ? (nullsLast ? sort.nullsLast() : sort.nullsFirst()) : sort;
    }

    /** The description that types a token: name, type, direction and null placement. */
    String describe() {
        return field.getName()
                + ':'
                + field.getType().getName()
                + (descending ? ":desc" : ":asc")
                + (nullable ? (nullsLast ? ":nulls-last" : ":nulls-first") : "");
    }

    /**
     * The rows after {@code values} in the order of {@code columns}: a row comparison when every column is
     * NOT NULL and all go one way (what an index answers directly), else the expanded form
     * {@code c1 after v1 OR (c1 = v1 AND c2 after v2) OR ...} with NULL-aware equality and order.
     */
    static Condition after(List<KeysetColumn> columns, List<@Nullable Object> values) {
        boolean uniform = columns.stream().noneMatch(KeysetColumn::nullable)
                && columns.stream().allMatch(c -> c.descending == columns.get(0).descending);
        if (uniform) {
            List<Field<?>> fields =
                    columns.stream().<Field<?>>map(KeysetColumn::field).toList();
            List<Field<?>> bounds = new java.util.ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                bounds.add(value(columns.get(i).field, values.get(i)));
            }
            return columns.get(0).descending
                    ? DSL.row(fields).lt(DSL.row(bounds))
                    : DSL.row(fields).gt(DSL.row(bounds));
        }
        Condition any = DSL.falseCondition();
        Condition equalSoFar = DSL.trueCondition();
        for (int i = 0; i < columns.size(); i++) {
            KeysetColumn column = columns.get(i);
            Object value = values.get(i);
            Condition after = column.afterValue(value);
            if (after != null) {
                any = any.or(equalSoFar.and(after));
            }
            equalSoFar = equalSoFar.and(value == null ? column.field.isNull() : equal(column.field, value));
        }
        return any;
    }

    /** This column's values that sort strictly after {@code value}, or null when none do. */
    private @Nullable Condition afterValue(@Nullable Object value) {
        if (value == null) {
            return nullsLast ? null : field.isNotNull();
        }
        Condition beyond = descending ? less(field, value) : greater(field, value);
        return nullable && nullsLast ? beyond.or(field.isNull()) : beyond;
    }

    private static <T> Condition equal(Field<T> field, Object value) {
        return field.eq(value(field, value));
    }

    private static <T> Condition greater(Field<T> field, Object value) {
        return field.gt(value(field, value));
    }

    private static <T> Condition less(Field<T> field, Object value) {
        return field.lt(value(field, value));
    }

    @SuppressWarnings("unchecked")
    private static <T> Field<T> value(Field<T> field, @Nullable Object value) {
        return DSL.val((T) value, field);
    }
}
