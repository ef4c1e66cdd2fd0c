package dev.perfkit.db;

import dev.perfkit.db.internal.SqlLexer;
import dev.perfkit.db.internal.SqlToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Normalizes the {@link SqlLexer}'s tokens for {@link SqlFingerprint}: constants ({@code true},
 * {@code false} and {@code NULL} included, but not the {@code NULL} of {@code IS [NOT] NULL}) and bind
 * markers become {@code ?}, a sign that cannot be a binary operator joins its number, unquoted words are
 * lower-cased, and trailing semicolons vanish. Column positions in {@code ORDER BY} and {@code GROUP BY}
 * ({@code ORDER BY 2}) are not constants and keep their number, as in PostgreSQL's own query identifier.
 */
final class SqlTokenizer {
    /** Words after which a sign starts a number rather than a subtraction. */
    private static final Set<String> VALUE_KEYWORDS = Set.of(
            "select",
            "where",
            "and",
            "or",
            "not",
            "in",
            "values",
            "then",
            "else",
            "when",
            "between",
            "like",
            "limit",
            "offset",
            "by",
            "set",
            "is",
            "return",
            "returning",
            "on",
            "having",
            "case",
            "array");
    /** Words that end an ORDER BY or GROUP BY list at its own depth. */
    private static final Set<String> LIST_ENDS = Set.of(
            "limit",
            "offset",
            "having",
            "fetch",
            "for",
            "window",
            "union",
            "intersect",
            "except",
            "returning",
            "order",
            "into",
            "from",
            "where");

    private SqlTokenizer() {}

    static List<String> tokens(String sql) {
        List<SqlToken> in = SqlLexer.tokens(sql);
        List<String> out = new ArrayList<>(in.size());
        int depth = 0;
        int byListDepth = -1;
        for (int i = 0; i < in.size(); i++) {
            SqlToken token = in.get(i);
            String text = token.normalized();
            switch (token.kind()) {
                case WORD -> {
                    if (byListDepth == depth && LIST_ENDS.contains(text)) {
                        byListDepth = -1;
                    }
                    if (text.equals("by") && !out.isEmpty() && isOrderOrGroup(last(out))) {
                        byListDepth = depth;
                    }
                    out.add(isConstantWord(text, out) ? "?" : text);
                }
                case NUMBER -> out.add(isColumnPosition(in, i, out, depth == byListDepth) ? text : "?");
                case OPERATOR -> {
                    boolean sign = (text.equals("-") || text.equals("+"))
                            && i + 1 < in.size()
                            && in.get(i + 1).kind() == SqlToken.Kind.NUMBER
                            && signMayBelongToNumber(out);
                    if (!sign) { // a sign joins the number that follows, which becomes "?"
                        out.add(text);
                    }
                }
                case PUNCTUATION -> {
                    if (text.equals("(")) {
                        depth++;
                    } else if (text.equals(")")) {
                        depth--;
                        if (depth < byListDepth) {
                            byListDepth = -1;
                        }
                    }
                    out.add(text);
                }
                case QUOTED_IDENTIFIER -> out.add(text);
                default -> out.add("?");
            }
        }
        while (!out.isEmpty() && last(out).equals(";")) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static boolean isOrderOrGroup(String word) {
        return word.equals("order") || word.equals("group");
    }

    /** {@code true}, {@code false} and {@code null} are constants, except the null of IS [NOT] NULL. */
    private static boolean isConstantWord(String word, List<String> out) {
        if (word.equals("true") || word.equals("false")) {
            return true;
        }
        if (!word.equals("null")) {
            return false;
        }
        int n = out.size();
        boolean afterIs = n >= 1 && out.get(n - 1).equals("is");
        boolean afterIsNot =
                n >= 2 && out.get(n - 1).equals("not") && out.get(n - 2).equals("is");
        return !afterIs && !afterIsNot;
    }

    /** An integer that is a whole item of an ORDER BY or GROUP BY list names a column by position. */
    private static boolean isColumnPosition(List<SqlToken> in, int i, List<String> out, boolean inByList) {
        if (!inByList || out.isEmpty() || !(last(out).equals("by") || last(out).equals(","))) {
            return false;
        }
        if (!in.get(i).text().chars().allMatch(Character::isDigit)) {
            return false;
        }
        if (i + 1 == in.size()) {
            return true;
        }
        SqlToken next = in.get(i + 1);
        return next.kind() == SqlToken.Kind.WORD || next.is(",") || next.is(")") || next.is(";");
    }

    /** A sign is part of a number when it cannot be a binary operator: after an operator, comma or keyword. */
    private static boolean signMayBelongToNumber(List<String> out) {
        if (out.isEmpty()) {
            return true;
        }
        String last = last(out);
        if (last.equals("?") || last.equals(")") || last.equals("]") || last.startsWith("\"")) {
            return false;
        }
        char first = last.charAt(0);
        if (Character.isLetterOrDigit(first) || first == '_') {
            return VALUE_KEYWORDS.contains(last);
        }
        return true;
    }

    private static String last(List<String> out) {
        return out.get(out.size() - 1);
    }
}
