package dev.perfkit.db.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The one SQL scanner of perfkit: splits PostgreSQL (and JDBC-style) SQL into {@link SqlToken}s with their
 * offsets, so every caller that must know what is a literal, a comment or a bind marker agrees. It knows
 * {@code '...'} with {@code ''}, {@code E'...'} with backslash escapes, {@code B''}, {@code X''},
 * {@code N''} and {@code U&''} strings, {@code $tag$...$tag$}, {@code "quoted"} identifiers, {@code --} and
 * nested {@code /* *}{@code /} comments, {@code $n} and {@code :name} parameters, and the JDBC {@code ?}
 * marker with {@code ??} as the escaped {@code ?} operator. Operators follow PostgreSQL's rule that a
 * multi-character operator does not end in {@code +} or {@code -} unless it holds one of
 * {@code ~ ! @ # % ^ & | `}, so {@code id=-7} is {@code =} then {@code -7}. Never throws: an unterminated
 * construct runs to the end of the input. Internal: not an API.
 *
 * <pre>{@code
 * List<SqlToken> tokens = SqlLexer.tokens("select $$a?b$$ where x = ?");
 * // WORD select, STRING $$a?b$$, WORD where, WORD x, OPERATOR =, BIND_MARKER ?
 * }</pre>
 */
public final class SqlLexer {
    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`";
    private static final String SIGN_KEEPERS = "~!@#%^&|`";

    private final String sql;
    private final int length;
    private final boolean keepComments;
    private final List<SqlToken> tokens = new ArrayList<>();
    private int pos;

    private SqlLexer(String sql, boolean keepComments) {
        this.sql = sql;
        this.length = sql.length();
        this.keepComments = keepComments;
    }

    /** The tokens of {@code sql} without whitespace and comments. */
    public static List<SqlToken> tokens(String sql) {
        return new SqlLexer(sql, false).run();
    }

    /** The tokens of {@code sql} including {@link SqlToken.Kind#COMMENT} tokens (whitespace is never a token). */
    public static List<SqlToken> tokensWithComments(String sql) {
        return new SqlLexer(sql, true).run();
    }

    private List<SqlToken> run() {
        while (pos < length) {
            char c = sql.charAt(pos);
            int start = pos;
            if (Character.isWhitespace(c)) {
                pos++;
                continue;
            }
            if (c == '-' && peek(1) == '-') {
                skipLineComment();
                comment(start);
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
                comment(start);
            } else if (c == '\'') {
                string(start, pos + 1, false);
            } else if ((c == 'E' || c == 'e') && peek(1) == '\'') {
                string(start, pos + 2, true);
            } else if ("BbXxNn".indexOf(c) >= 0 && peek(1) == '\'') {
                string(start, pos + 2, false);
            } else if ((c == 'U' || c == 'u') && peek(1) == '&' && peek(2) == '\'') {
                string(start, pos + 3, false);
            } else if ((c == 'U' || c == 'u') && peek(1) == '&' && peek(2) == '"') {
                pos += 2;
                quotedIdentifier(start);
            } else if (c == '"') {
                quotedIdentifier(start);
            } else if (c == '$') {
                dollar(start);
            } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
                number(start);
            } else if (Character.isLetter(c) || c == '_') {
                while (pos < length && isWordChar(sql.charAt(pos))) {
                    pos++;
                }
                add(SqlToken.Kind.WORD, start);
            } else if (c == '?') {
                pos += peek(1) == '?' ? 2 : 1;
                add(pos - start == 2 ? SqlToken.Kind.OPERATOR : SqlToken.Kind.BIND_MARKER, start);
            } else if (c == ':' && peek(1) == ':') {
                pos += 2;
                add(SqlToken.Kind.PUNCTUATION, start);
            } else if (c == ':' && (Character.isLetter(peek(1)) || peek(1) == '_')) {
                pos++;
                while (pos < length && isWordChar(sql.charAt(pos))) {
                    pos++;
                }
                add(SqlToken.Kind.NAMED_PARAMETER, start);
            } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                operator(start);
            } else {
                pos++;
                add(SqlToken.Kind.PUNCTUATION, start);
            }
        }
        return tokens;
    }

    private void add(SqlToken.Kind kind, int start) {
        tokens.add(new SqlToken(kind, sql.substring(start, pos), start, pos));
    }

    private void comment(int start) {
        if (keepComments) {
            add(SqlToken.Kind.COMMENT, start);
        }
    }

    private char peek(int offset) {
        int at = pos + offset;
        return at < length ? sql.charAt(at) : '\0';
    }

    private void skipLineComment() {
        while (pos < length && sql.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void skipBlockComment() {
        int depth = 0;
        while (pos < length) {
            if (sql.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (sql.startsWith("*/", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
    }

    private void string(int start, int from, boolean backslashEscapes) {
        int i = from;
        while (i < length) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < length && sql.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    i++;
                    break;
                }
            } else {
                i++;
            }
        }
        pos = Math.min(i, length);
        add(SqlToken.Kind.STRING, start);
    }

    private void quotedIdentifier(int start) {
        int i = pos + 1;
        while (i < length) {
            if (sql.charAt(i) == '"') {
                if (i + 1 < length && sql.charAt(i + 1) == '"') {
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
            i++;
        }
        pos = Math.min(i, length);
        add(SqlToken.Kind.QUOTED_IDENTIFIER, start);
    }

    private void dollar(int start) {
        if (isDigit(peek(1))) {
            pos++;
            while (pos < length && isDigit(sql.charAt(pos))) {
                pos++;
            }
            add(SqlToken.Kind.POSITIONAL_PARAMETER, start);
            return;
        }
        int tagEnd = pos + 1;
        while (tagEnd < length && (Character.isLetterOrDigit(sql.charAt(tagEnd)) || sql.charAt(tagEnd) == '_')) {
            tagEnd++;
        }
        if (tagEnd < length && sql.charAt(tagEnd) == '$') {
            String tag = sql.substring(pos, tagEnd + 1);
            int close = sql.indexOf(tag, tagEnd + 1);
            pos = close < 0 ? length : close + tag.length();
            add(SqlToken.Kind.STRING, start);
            return;
        }
        pos++;
        add(SqlToken.Kind.PUNCTUATION, start);
    }

    private void number(int start) {
        if (peek(0) == '0' && (peek(1) == 'x' || peek(1) == 'X' || peek(1) == 'o' || peek(1) == 'b')) {
            pos += 2;
        }
        while (pos < length) {
            char c = sql.charAt(pos);
            if (isWordChar(c) || c == '.') {
                if (c == '.' && pos + 1 < length && sql.charAt(pos + 1) == '.') {
                    break; // a range such as 1..2 in a slice
                }
                pos++;
            } else if ((c == '+' || c == '-') && (sql.charAt(pos - 1) == 'e' || sql.charAt(pos - 1) == 'E')) {
                pos++;
            } else {
                break;
            }
        }
        add(SqlToken.Kind.NUMBER, start);
    }

    private void operator(int start) {
        int end = pos + 1;
        while (end < length
                && OPERATOR_CHARS.indexOf(sql.charAt(end)) >= 0
                && !sql.startsWith("--", end)
                && !sql.startsWith("/*", end)) {
            end++;
        }
        // PostgreSQL: a multi-character operator cannot end in + or - unless it contains ~ ! @ # % ^ & | `
        boolean keepsSign = false;
        for (int i = start; i < end; i++) {
            keepsSign |= SIGN_KEEPERS.indexOf(sql.charAt(i)) >= 0;
        }
        while (!keepsSign && end - start > 1 && (sql.charAt(end - 1) == '+' || sql.charAt(end - 1) == '-')) {
            end--;
        }
        pos = end;
        add(SqlToken.Kind.OPERATOR, start);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
