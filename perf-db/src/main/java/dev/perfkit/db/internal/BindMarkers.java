package dev.perfkit.db.internal;

/**
 * Rewrites JDBC {@code ?} bind markers to PostgreSQL {@code $n} parameters, as the {@link SqlLexer} sees
 * them: markers inside string constants of every form (including {@code E'...'} and {@code $$...$$}),
 * quoted identifiers and comments are text, and {@code ??} is the escaped operator {@code ?}. Used by plan
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

    /** Rewrites {@code ?} markers of {@code sql} to {@code $1, $2, ...} and {@code ??} to {@code ?}. */
    public static BindMarkers toPositional(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 8);
        int count = 0;
        int copied = 0;
        for (SqlToken token : SqlLexer.tokens(sql)) {
            if (token.kind() == SqlToken.Kind.BIND_MARKER) {
                out.append(sql, copied, token.start()).append('$').append(++count);
                copied = token.end();
            } else if (token.kind() == SqlToken.Kind.OPERATOR && token.text().equals("??")) {
                out.append(sql, copied, token.start()).append('?');
                copied = token.end();
            }
        }
        out.append(sql, copied, sql.length());
        return new BindMarkers(out.toString(), count);
    }
}
