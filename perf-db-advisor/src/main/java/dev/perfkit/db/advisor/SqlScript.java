package dev.perfkit.db.advisor;

import dev.perfkit.db.internal.SqlStatements;
import java.util.List;

/**
 * Splits a SQL script at top-level semicolons with perf-db's shared lexer, so quotes, {@code E''} strings,
 * dollar quotes, quoted identifiers and nested comments are understood. A comment before a statement stays
 * with it; comment-only pieces are dropped.
 */
final class SqlScript {
    private SqlScript() {}

    static List<String> split(String sql) {
        return SqlStatements.split(sql);
    }
}
