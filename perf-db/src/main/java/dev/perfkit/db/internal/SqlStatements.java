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
     * (a lone {@code ;}, or only comments) are dropped. Comments before a statement stay with it (a
     * {@code -- calls: 500} annotation, say); comments after its last token do not.
     */
    public static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        int from = 0;
        int contentEnd = -1;
        for (SqlToken token : SqlLexer.tokensWithComments(script)) {
            if (token.is(";")) {
                if (contentEnd >= 0) {
                    statements.add(script.substring(from, contentEnd).strip());
                }
                from = token.end();
                contentEnd = -1;
            } else if (token.kind() != SqlToken.Kind.COMMENT) {
                contentEnd = token.end();
            }
        }
        if (contentEnd >= 0) {
            statements.add(script.substring(from, contentEnd).strip());
        }
        return statements;
    }
}
