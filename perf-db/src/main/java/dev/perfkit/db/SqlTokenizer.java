package dev.perfkit.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits SQL into normalized tokens for {@link SqlFingerprint}: literals and bind markers become
 * {@code ?}, unquoted words are lower-cased, comments vanish. Never throws; unterminated constructs run
 * to the end of the input and become a literal.
 */
final class SqlTokenizer {
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

    private final String sql;
    private final int length;
    private final List<String> tokens = new ArrayList<>();
    private int pos;

    SqlTokenizer(String sql) {
        this.sql = sql;
        this.length = sql.length();
    }

    List<String> tokens() {
        while (pos < length) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                skipLineComment();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else if (c == '\'') {
                skipString(pos + 1, false);
            } else if ((c == 'E' || c == 'e') && peek(1) == '\'') {
                skipString(pos + 2, true);
            } else if (isPrefixedString(c)) {
                skipString(pos + 2, false);
            } else if ((c == 'U' || c == 'u') && peek(1) == '&' && peek(2) == '\'') {
                skipString(pos + 3, false);
            } else if (c == '"') {
                quotedIdentifier();
            } else if (c == '$') {
                dollar();
            } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
                number();
            } else if ((c == '-' || c == '+') && (isDigit(peek(1)) || peek(1) == '.') && signMayBelongToNumber()) {
                pos++;
                number();
            } else if (Character.isLetter(c) || c == '_') {
                word();
            } else if (c == ':' && peek(1) == ':') {
                tokens.add("::");
                pos += 2;
            } else if (c == ':' && (Character.isLetter(peek(1)) || peek(1) == '_')) {
                pos++;
                while (pos < length && isWordChar(sql.charAt(pos))) {
                    pos++;
                }
                tokens.add("?");
            } else {
                operator();
            }
        }
        return tokens;
    }

    private boolean isPrefixedString(char c) {
        return (c == 'B' || c == 'b' || c == 'X' || c == 'x' || c == 'N' || c == 'n') && peek(1) == '\'';
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

    private void skipString(int from, boolean backslashEscapes) {
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
        tokens.add("?");
    }

    private void quotedIdentifier() {
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
        tokens.add(sql.substring(pos, Math.min(i, length)));
        pos = Math.min(i, length);
    }

    private void dollar() {
        if (isDigit(peek(1))) {
            pos++;
            while (pos < length && isDigit(sql.charAt(pos))) {
                pos++;
            }
            tokens.add("?");
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
            tokens.add("?");
            return;
        }
        tokens.add("$");
        pos++;
    }

    private void number() {
        if (peek(0) == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
            pos += 2;
        }
        while (pos < length) {
            char c = sql.charAt(pos);
            if (isWordChar(c) || c == '.') {
                pos++;
            } else if ((c == '+' || c == '-') && (sql.charAt(pos - 1) == 'e' || sql.charAt(pos - 1) == 'E')) {
                pos++;
            } else {
                break;
            }
        }
        tokens.add("?");
    }

    /** A sign is part of a number when it cannot be a binary operator: after an operator, comma or keyword. */
    private boolean signMayBelongToNumber() {
        if (tokens.isEmpty()) {
            return true;
        }
        String last = tokens.get(tokens.size() - 1);
        if (last.equals("?") || last.equals(")") || last.equals("]") || last.startsWith("\"")) {
            return false;
        }
        char first = last.charAt(0);
        if (Character.isLetter(first) || first == '_') {
            return VALUE_KEYWORDS.contains(last);
        }
        return true;
    }

    private void word() {
        int start = pos;
        while (pos < length && isWordChar(sql.charAt(pos))) {
            pos++;
        }
        tokens.add(SqlFingerprint.lower(sql.substring(start, pos)));
    }

    private void operator() {
        int start = pos;
        char c = sql.charAt(pos);
        pos++;
        if ("<>=!|&~^%*/+-@#".indexOf(c) >= 0) {
            while (pos < length
                    && "<>=!|&~^%*/+-@#".indexOf(sql.charAt(pos)) >= 0
                    && !sql.startsWith("--", pos)
                    && !sql.startsWith("/*", pos)) {
                pos++;
            }
        }
        tokens.add(sql.substring(start, pos));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
