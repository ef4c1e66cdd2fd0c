package dev.perfkit.db.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Statement-level questions answered with the {@link SqlLexer}: the leading keyword, whether a text holds
 * one statement, and splitting a script on the semicolons that are not inside literals or comments.
 * Internal: not an API.
 */
public final class SqlStatements {
    private SqlStatements() {}

    /** The first keyword, after leading comments and parentheses, lower-cased; empty if there is none. */
    public static String firstKeyword(String sql) {
        for (SqlToken token : SqlLexer.tokens(sql)) {
            if (token.is("(")) {
                continue;
            }
            return token.kind() == SqlToken.Kind.WORD ? token.text().toLowerCase(Locale.ROOT) : "";
        }
        return "";
    }

    /** Whether {@code sql} has a semicolon outside literals and comments that is followed by more SQL. */
    public static boolean hasSeveralStatements(String sql) {
        return split(sql).size() > 1;
    }

    /**
     * The statements of a script, each stripped and without its terminating semicolon; empty statements
     * (a lone {@code ;}, or only comments) are dropped. Comments before a statement stay with it.
     */
    public static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        int from = 0;
        boolean content = false;
        for (SqlToken token : SqlLexer.tokensWithComments(script)) {
            if (token.is(";")) {
                if (content) {
                    statements.add(script.substring(from, token.start()).strip());
                }
                from = token.end();
                content = false;
            } else if (token.kind() != SqlToken.Kind.COMMENT) {
                content = true;
            }
        }
        if (content) {
            statements.add(script.substring(from).strip());
        }
        return statements;
    }
}
