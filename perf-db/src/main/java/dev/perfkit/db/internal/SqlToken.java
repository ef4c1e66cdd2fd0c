package dev.perfkit.db.internal;

import java.util.Locale;

/**
 * One token of {@link SqlLexer}: its kind, its text exactly as written, and its offsets in the input.
 * Internal: not an API.
 *
 * @param kind what the token is
 * @param text the token's characters, as written
 * @param start the offset of its first character
 * @param end the offset after its last character
 */
public record SqlToken(Kind kind, String text, int start, int end) {
    /** What a token is. */
    public enum Kind {
        /** An unquoted identifier or keyword. */
        WORD,
        /** A {@code "quoted"} identifier. */
        QUOTED_IDENTIFIER,
        /** A string constant of any form: {@code '...'}, {@code E'...'}, {@code $tag$...$tag$}, {@code B'...'}... */
        STRING,
        /** An unsigned numeric constant. */
        NUMBER,
        /** A JDBC {@code ?} bind marker. */
        BIND_MARKER,
        /** A PostgreSQL {@code $n} parameter. */
        POSITIONAL_PARAMETER,
        /** A {@code :name} parameter. */
        NAMED_PARAMETER,
        /** An operator, including the JDBC-escaped {@code ??}. */
        OPERATOR,
        /** Punctuation: parentheses, brackets, comma, semicolon, dot, {@code ::}. */
        PUNCTUATION,
        /** A {@code --} or {@code /* *}{@code /} comment (only from {@link SqlLexer#tokensWithComments}). */
        COMMENT
    }

    /** Whether this is the word {@code word}, ignoring case. */
    public boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    /** Whether this is punctuation or an operator spelled {@code symbol}. */
    public boolean is(String symbol) {
        return (kind == Kind.PUNCTUATION || kind == Kind.OPERATOR) && text.equals(symbol);
    }

    /** The text lower-cased if this is a word, else as written. */
    public String normalized() {
        return kind == Kind.WORD ? text.toLowerCase(Locale.ROOT) : text;
    }

    /** Whether this is a literal or parameter: a string, number or bind marker of any style. */
    public boolean isValue() {
        return kind == Kind.STRING
                || kind == Kind.NUMBER
                || kind == Kind.BIND_MARKER
                || kind == Kind.POSITIONAL_PARAMETER
                || kind == Kind.NAMED_PARAMETER;
    }
}
