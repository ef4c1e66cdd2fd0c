package dev.perfkit.db.internal;

/**
 * Rewrites JDBC {@code ?} bind markers to PostgreSQL {@code $n} parameters, skipping string literals,
 * quoted identifiers and comments, and treating {@code ??} as the escaped operator {@code ?}. Used by plan
 * capture and by the index advisor, which both hand JDBC-style SQL to PostgreSQL. Internal: not an API.
 *
 * <pre>{@code
 * BindMarkers m = BindMarkers.toPositional("select * from t where a = ? and b = '?'");
 * // m.sql is "select * from t where a = $1 and b = '?'", m.count is 1
 * }</pre>
 */
public final class BindMarkers {
    /** The rewritten SQL. */
    public final String sql;
    /** How many parameters it has. */
    public final int count;

    private BindMarkers(String sql, int count) {
        this.sql = sql;
        this.count = count;
    }

    /** Rewrites {@code ?} markers of {@code sql} to {@code $1, $2, ...}. */
    public static BindMarkers toPositional(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 8);
        int count = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                end = end < 0 ? n : end + 1;
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(sql, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                out.append(sql, i, end);
                i = end;
            } else if (c == '?' && i + 1 < n && sql.charAt(i + 1) == '?') {
                out.append('?');
                i += 2;
            } else if (c == '?') {
                out.append('$').append(++count);
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return new BindMarkers(out.toString(), count);
    }
}
