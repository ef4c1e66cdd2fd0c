package dev.perfkit.cache.http.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A parsed Cache-Control field (RFC 9111 section 5.2): directive names lower-cased, values unquoted. Malformed parts
 * are skipped, never thrown: a header from a client or a handler never fails a request. A delta-seconds value that is
 * not a number reads as {@link #INVALID}; one beyond 2^31 reads as 2^31 (section 1.2.2).
 */
public final class CacheControl {
    /** The seconds value of a directive whose argument is not a number. */
    public static final long INVALID = -2;
    /** The seconds value of a directive that is absent. */
    public static final long ABSENT = -1;

    static final long MAX_DELTA = 2_147_483_648L;
    private static final CacheControl EMPTY = new CacheControl(Map.of());

    private final Map<String, @Nullable String> directives;

    private CacheControl(Map<String, @Nullable String> directives) {
        this.directives = directives;
    }

    /** Parses every value of the field (repeated fields are one comma-separated list). */
    public static CacheControl parse(List<String> values) {
        if (values.isEmpty()) {
            return EMPTY;
        }
        Map<String, @Nullable String> out = new HashMap<>();
        for (String value : values) {
            parseInto(value, out);
        }
        return new CacheControl(out);
    }

    public static CacheControl parse(@Nullable String value) {
        return value == null ? EMPTY : parse(List.of(value));
    }

    private static void parseInto(String value, Map<String, @Nullable String> out) {
        int i = 0;
        int n = value.length();
        while (i < n) {
            while (i < n && (value.charAt(i) == ',' || value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            int start = i;
            while (i < n && isTokenChar(value.charAt(i))) {
                i++;
            }
            String name = value.substring(start, i).toLowerCase(Locale.ROOT);
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            @Nullable String argument = null;
            boolean malformed = name.isEmpty();
            if (i < n && value.charAt(i) == '=') {
                i++;
                while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                    i++;
                }
                if (i < n && value.charAt(i) == '"') {
                    StringBuilder quoted = new StringBuilder();
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char c = value.charAt(i++);
                        if (c == '\\' && i < n) {
                            quoted.append(value.charAt(i++));
                        } else if (c == '"') {
                            closed = true;
                            break;
                        } else {
                            quoted.append(c);
                        }
                    }
                    argument = quoted.toString();
                    malformed |= !closed;
                } else {
                    int a = i;
                    while (i < n && isTokenChar(value.charAt(i))) {
                        i++;
                    }
                    argument = value.substring(a, i);
                }
            }
            // skip to the next comma; anything else in between makes this directive malformed
            while (i < n && value.charAt(i) != ',') {
                if (value.charAt(i) != ' ' && value.charAt(i) != '\t') {
                    malformed = true;
                }
                i++;
            }
            if (!malformed && !out.containsKey(name)) {
                out.put(name, argument);
            }
        }
    }

    static boolean isTokenChar(char c) {
        return c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }

    public boolean has(String directive) {
        return directives.containsKey(directive);
    }

    public boolean isEmpty() {
        return directives.isEmpty();
    }

    /**
     * Returns the directive's delta-seconds: {@link #ABSENT}, {@link #INVALID}, or 0 to 2^31. A directive given
     * without an argument reads as {@link #INVALID}.
     */
    public long seconds(String directive) {
        if (!directives.containsKey(directive)) {
            return ABSENT;
        }
        String argument = directives.get(directive);
        return deltaSeconds(argument);
    }

    /** Like {@link #seconds}, but a directive without an argument (as {@code max-stale} allows) reads as 2^31. */
    public long secondsOrUnbounded(String directive) {
        if (!directives.containsKey(directive)) {
            return ABSENT;
        }
        String argument = directives.get(directive);
        return argument == null ? MAX_DELTA : deltaSeconds(argument);
    }

    static long deltaSeconds(@Nullable String argument) {
        if (argument == null || argument.isEmpty()) {
            return INVALID;
        }
        long v = 0;
        for (int k = 0; k < argument.length(); k++) {
            char c = argument.charAt(k);
            if (c < '0' || c > '9') {
                return INVALID;
            }
            v = v * 10 + (c - '0');
            if (v >= MAX_DELTA) {
                return MAX_DELTA;
            }
        }
        return v;
    }
}
