package dev.perfkit.db.jooq;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.SortOrder;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

/**
 * Checks a keyset ordering against PostgreSQL's catalog at build time: every ordering item must be a
 * column of the table; a nullable column needs an explicit NULLS FIRST or NULLS LAST; and the ordering
 * must end in a unique key of NOT NULL columns (the columns of a unique index, in any order), else the
 * primary key's missing columns are appended, or, without a primary key, the ordering is rejected.
 */
final class KeysetCatalog {
    private final String tableName;
    private static final Map<String, Class<?>> JAVA_TYPES = Map.ofEntries(
            Map.entry("int8", Long.class),
            Map.entry("int4", Integer.class),
            Map.entry("int2", Short.class),
            Map.entry("text", String.class),
            Map.entry("varchar", String.class),
            Map.entry("uuid", java.util.UUID.class),
            Map.entry("numeric", java.math.BigDecimal.class),
            Map.entry("bool", Boolean.class),
            Map.entry("date", java.time.LocalDate.class),
            Map.entry("timestamp", java.time.LocalDateTime.class),
            Map.entry("timestamptz", java.time.OffsetDateTime.class));

    private final Map<String, Boolean> notNullByColumn = new HashMap<>();
    private final Map<String, String> typeByColumn = new HashMap<>();
    private final List<List<String>> uniqueKeys = new ArrayList<>();
    private List<String> primaryKey = List.of();

    private KeysetCatalog(DSLContext dsl, Table<?> table) {
        this.tableName = dsl.render(table);
        Long oid = dsl.resultQuery("select to_regclass({0})::oid::bigint", DSL.val(tableName))
                .fetchOne(0, Long.class);
        if (oid == null) {
            throw new IllegalArgumentException("table " + tableName + " is not in the catalog; keyset pagination "
                    + "checks the ordering against the table's columns and unique keys");
        }
        for (Record r : dsl.fetch(
                "select a.attname, a.attnotnull, t.typname from pg_attribute a join pg_type t on t.oid = a.atttypid "
                        + "where a.attrelid = {0} and a.attnum > 0 and not a.attisdropped",
                DSL.val(oid))) {
            notNullByColumn.put(r.get(0, String.class), r.get(1, Boolean.class));
            typeByColumn.put(r.get(0, String.class), r.get(2, String.class));
        }
        Map<Long, List<String>> keys = new LinkedHashMap<>();
        for (Record r : dsl.fetch(
                "select i.indexrelid::bigint, i.indisprimary, a.attname from pg_index i "
                        + "cross join unnest(i.indkey) with ordinality k(attnum, ord) "
                        + "join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum "
                        + "where i.indrelid = {0} and i.indisunique and i.indisvalid and i.indpred is null "
                        + "and i.indexprs is null and k.ord <= i.indnkeyatts order by 1, k.ord",
                DSL.val(oid))) {
            List<String> key = keys.computeIfAbsent(r.get(0, Long.class), k -> new ArrayList<>());
            key.add(r.get(2, String.class));
            if (Boolean.TRUE.equals(r.get(1, Boolean.class))) {
                primaryKey = key;
            }
        }
        uniqueKeys.addAll(keys.values());
    }

    /**
     * The checked ordering, with the primary key appended when the given items are not unique.
     *
     * @throws IllegalArgumentException naming the column or the table when the ordering cannot be made safe
     */
    static List<KeysetColumn> resolve(DSLContext dsl, Table<?> table, List<SortField<?>> items) {
        return new KeysetCatalog(dsl, table).resolve(items);
    }

    private List<KeysetColumn> resolve(List<SortField<?>> items) {
        List<KeysetColumn> columns = new ArrayList<>();
        for (SortField<?> item : items) {
            Field<?> field = item.$field();
            String column = column(field);
            boolean nullable = !Boolean.TRUE.equals(notNullByColumn.get(column));
            QOM.NullOrdering nulls = item.$nullOrdering();
            if (nullable && nulls == null) {
                throw new IllegalArgumentException("ordering column " + column + " of table " + tableName
                        + " is nullable: order it with an explicit NULLS FIRST or NULLS LAST (for example "
                        + "field.asc().nullsLast()), so the pager can place its NULL rows, or make it NOT NULL");
            }
            boolean descending = item.$sortOrder() == SortOrder.DESC;
            columns.add(new KeysetColumn(field, descending, nullable, nulls == QOM.NullOrdering.NULLS_LAST));
        }
        if (isUnique(columns)) {
            return columns;
        }
        if (primaryKey.isEmpty()) {
            throw new IllegalArgumentException("ordering " + names(columns) + " of table " + tableName
                    + " is not unique and the table has no primary key: end the ordering with the columns of a "
                    + "unique index whose columns are NOT NULL, or rows with equal values would be skipped");
        }
        boolean descending = columns.get(columns.size() - 1).descending();
        Set<String> present = columns.stream().map(c -> column(c.field())).collect(Collectors.toSet());
        for (String key : primaryKey) {
            if (!present.contains(key)) {
                Field<?> field = DSL.field(DSL.name(key), keyType(key));
                columns.add(new KeysetColumn(field, descending, false, false));
            }
        }
        return columns;
    }

    private boolean isUnique(List<KeysetColumn> columns) {
        Set<String> notNull = columns.stream()
                .filter(c -> !c.nullable())
                .map(c -> column(c.field()))
                .collect(Collectors.toSet());
        return uniqueKeys.stream().anyMatch(notNull::containsAll);
    }

    private String column(Field<?> field) {
        String name = field.getName();
        if (notNullByColumn.containsKey(name)) {
            return name;
        }
        String folded = name.toLowerCase(Locale.ROOT);
        if (notNullByColumn.containsKey(folded)) {
            return folded;
        }
        throw new IllegalArgumentException("ordering item " + name + " is not a column of table " + tableName
                + " (columns: " + notNullByColumn.keySet() + "); keyset pagination orders by plain columns whose "
                + "nullability and uniqueness the catalog states");
    }

    private Class<?> keyType(String key) {
        Class<?> type = JAVA_TYPES.get(typeByColumn.get(key));
        if (type == null) {
            throw new IllegalArgumentException("ordering of table " + tableName + " is not unique, and its primary "
                    + "key column " + key + " has type " + typeByColumn.get(key) + ", which page tokens do not "
                    + "support; end the ordering with a unique NOT NULL key of a supported type");
        }
        return type;
    }

    private static String names(List<KeysetColumn> columns) {
        return columns.stream().map(c -> c.field().getName()).collect(Collectors.joining(", ", "(", ")"));
    }
}
