package dev.perfkit.db.advisor;

import dev.perfkit.db.internal.SqlLexer;
import dev.perfkit.db.internal.SqlStatements;
import dev.perfkit.db.internal.SqlToken;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a SQL script at top-level semicolons with perf-db's shared lexer, so quotes, {@code E''} strings,
 * dollar quotes, quoted identifiers and nested comments are understood, and reads the weight a statement's
 * leading comment may give it ({@code -- calls: 500}). A comment before a statement stays with it;
 * comment-only pieces are dropped.
 */
final class SqlScript {
    /** The most calls a {@code -- calls:} comment may give. */
    static final long MAX_CALLS = 1_000_000_000_000L;

    private static final Pattern CALLS = Pattern.compile("--\\s*calls\\s*:\\s*(\\S*)\\s*");

    private SqlScript() {}

    static List<String> split(String sql) {
        return SqlStatements.split(sql);
    }

    /**
     * The calls a {@code -- calls: N} line comment before the statement's first token gives it, else 1.
     *
     * @throws IllegalArgumentException if N is not an integer in 1..{@value #MAX_CALLS}
     */
    static long calls(String statement) {
        for (SqlToken token : SqlLexer.tokensWithComments(statement)) {
            if (token.kind() != SqlToken.Kind.COMMENT) {
                return 1;
            }
            Matcher m = CALLS.matcher(token.text().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                return parseCalls(m.group(1));
            }
        }
        return 1;
    }

    private static long parseCalls(String value) {
        try {
            long calls = Long.parseLong(value.replace("_", ""));
            if (calls >= 1 && calls <= MAX_CALLS) {
                return calls;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted form
        }
        throw new IllegalArgumentException("'-- calls: " + value + "' is not a call count: write '-- calls: N' "
                + "before the statement, with N an integer in 1.." + MAX_CALLS);
    }
}
