package dev.perfkit.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns a SQL statement into its fingerprint: the statement's shape with every constant and bind marker
 * replaced by {@code ?}, comments removed, whitespace and keyword case normalized. {@code WHERE id = 1} and
 * {@code WHERE id = 2} share one fingerprint.
 *
 * <pre>{@code
 * String fp = SqlFingerprint.of("SELECT * FROM t WHERE id IN (1, 2, 3) -- hi");
 * // "select * from t where id in (?)"
 * }</pre>
 *
 * <p>Fingerprints group statements as PostgreSQL's query identifier (pg_stat_statements) does, with three
 * deliberate merges where it keeps them apart: an IN list and the rows of a VALUES list collapse whatever
 * their length; a bind marker ({@code ?}, {@code $1}, {@code :name}) and a constant are the same; and
 * constants of different types are the same ({@code 1} and {@code 'x'}). Constants include
 * {@code true}, {@code false}, {@code NULL} (not in {@code IS [NOT] NULL}) and signed numbers
 * ({@code id=-7}); column positions ({@code ORDER BY 2}, {@code GROUP BY 1}) are not constants and stay;
 * a trailing semicolon does not count. The test corpus {@code fingerprint-corpus.sql} holds the expected
 * grouping.
 *
 * <p>The tokenizer is the shared {@link dev.perfkit.db.internal.SqlLexer}, hand-written for the hot path,
 * and never throws: quoted identifiers keep their spelling, {@code ::} casts, {@code E''} strings and
 * dollar-quoted strings are understood, and text it cannot make sense of (an unterminated string, say)
 * still yields a stable fingerprint. Fingerprints longer than {@link #MAX_LENGTH} characters are cut and
 * suffixed with a hash of the full text.
 */
public final class SqlFingerprint {
    /** The longest fingerprint returned, in characters. */
    public static final int MAX_LENGTH = 2048;

    private SqlFingerprint() {}

    /**
     * Returns the fingerprint of {@code sql}.
     *
     * @throws NullPointerException if {@code sql} is null
     */
    public static String of(String sql) {
        Objects.requireNonNull(sql, "sql");
        List<String> tokens = SqlTokenizer.tokens(sql);
        String text = join(collapse(tokens));
        if (text.length() <= MAX_LENGTH) {
            return text;
        }
        String hash = Integer.toHexString(text.hashCode());
        return text.substring(0, MAX_LENGTH - hash.length() - 6) + " ... #" + hash;
    }

    /**
     * Collapses {@code in (?, ?, ?)} to {@code in (?)}, and the rows after the first of a
     * {@code VALUES (?, ?), (?, ?)} list; a parenthesized constant elsewhere ({@code abs(1), (2)}) stays.
     */
    private static List<String> collapse(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        boolean valuesRows = false;
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            String previous = out.isEmpty() ? "" : out.get(out.size() - 1);
            if ("(".equals(token) && isPlaceholderGroup(tokens, i)) {
                int end = groupEnd(tokens, i);
                if ("in".equals(previous)) {
                    out.add("(");
                    out.add("?");
                    out.add(")");
                    i = end;
                    valuesRows = false;
                    continue;
                }
                if (valuesRows && ",".equals(previous)) {
                    out.remove(out.size() - 1); // a repeated row: drop the comma and the row
                    i = end;
                    continue;
                }
                if ("values".equals(previous)) {
                    out.addAll(tokens.subList(i, end + 1));
                    i = end;
                    valuesRows = true;
                    continue;
                }
            }
            if (!",".equals(token)) {
                valuesRows = false;
            }
            out.add(token);
        }
        return out;
    }

    private static boolean isPlaceholderGroup(List<String> tokens, int open) {
        boolean expectValue = true;
        for (int i = open + 1; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (")".equals(t)) {
                return !expectValue;
            }
            if (expectValue ? !"?".equals(t) : !",".equals(t)) {
                return false;
            }
            expectValue = !expectValue;
        }
        return false;
    }

    private static int groupEnd(List<String> tokens, int open) {
        int i = open;
        while (!")".equals(tokens.get(i))) {
            i++;
        }
        return i;
    }

    private static String join(List<String> tokens) {
        StringBuilder sb = new StringBuilder(tokens.size() * 6);
        String previous = null;
        for (String token : tokens) {
            if (previous != null && needsSpace(previous, token)) {
                sb.append(' ');
            }
            sb.append(token);
            previous = token;
        }
        return sb.toString();
    }

    /** Words after which "(" opens a list or subquery rather than a function's arguments. */
    private static final java.util.Set<String> SPACED_BEFORE_PAREN = java.util.Set.of(
            "in",
            "values",
            "from",
            "join",
            "as",
            "and",
            "or",
            "not",
            "exists",
            "any",
            "all",
            "some",
            "on",
            "where",
            "select",
            "using",
            "over",
            "filter",
            "within",
            "with",
            "set",
            "by",
            "then",
            "else",
            "when",
            "case",
            "returning",
            "into",
            "lateral",
            "union",
            "intersect",
            "except",
            "having",
            "is",
            "between",
            "like");

    private static boolean needsSpace(String previous, String token) {
        if (token.equals("(") && isWord(previous) && !SPACED_BEFORE_PAREN.contains(previous)) {
            return false;
        }
        if (token.equals(",")
                || token.equals(")")
                || token.equals(".")
                || token.equals("::")
                || token.equals(";")
                || token.equals("[")
                || token.equals("]")) {
            return false;
        }
        return !(previous.equals("(") || previous.equals(".") || previous.equals("::") || previous.equals("["));
    }

    private static boolean isWord(String token) {
        char c = token.charAt(0);
        return Character.isLetter(c) || c == '_' || c == '"';
    }

    static String lower(String word) {
        return word.toLowerCase(Locale.ROOT);
    }
}
