package dev.perfkit.assets.servlet;

/**
 * A single byte range over a representation's bytes (RFC 9110 section 14). A Range header that does not parse,
 * uses another unit, or asks for several ranges is ignored (a full 200); a valid range that starts at or past the
 * end is unsatisfiable (416).
 *
 * @param first first byte position, inclusive
 * @param last last byte position, inclusive
 */
record ByteRange(long first, long last) {
    /** The header asked for nothing we act on: serve the whole representation. */
    static final ByteRange IGNORE = new ByteRange(-1, -1);
    /** The header's range cannot be satisfied: 416. */
    static final ByteRange UNSATISFIABLE = new ByteRange(-2, -2);

    private static final int MAX_DIGITS = 18;

    long length() {
        return last - first + 1;
    }

    static ByteRange parse(String header, long length) {
        String h = header.trim();
        if (h.length() < 6 || !h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) {
            return IGNORE;
        }
        String spec = h.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return IGNORE;
        }
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        if (a.isEmpty()) {
            long suffix = number(b);
            if (suffix < 0) {
                return IGNORE;
            }
            if (suffix == 0 || length == 0) {
                return UNSATISFIABLE;
            }
            return new ByteRange(Math.max(0, length - suffix), length - 1);
        }
        long first = number(a);
        long last = b.isEmpty() ? Long.MAX_VALUE : number(b);
        if (first < 0 || last < 0 || last < first) {
            return IGNORE;
        }
        if (first >= length) {
            return UNSATISFIABLE;
        }
        return new ByteRange(first, Math.min(last, length - 1));
    }

    /** The non-negative decimal number, or -1 when not one (or too long to be a real position). */
    private static long number(String s) {
        if (s.isEmpty() || s.length() > MAX_DIGITS) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(s);
    }
}
