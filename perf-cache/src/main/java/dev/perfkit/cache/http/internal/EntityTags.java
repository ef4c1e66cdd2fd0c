package dev.perfkit.cache.http.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Entity-tag lists of If-None-Match and If-Match (RFC 9110 section 8.8.3 and 13.1): parsed strictly; a malformed
 * list reads as {@code null} ("no usable condition"), so the request is answered as if it had none.
 */
public final class EntityTags {
    /** The suffix the filter gives the ETag of a gzip-coded representation, so the two differ (RFC 9110 8.8.3). */
    public static final String GZIP_SUFFIX = "--gzip";

    /** The suffix of a Brotli-coded representation's ETag. */
    public static final String BROTLI_SUFFIX = "--br";

    private final boolean any;
    private final List<String> tags; // each with quotes, with or without W/

    private EntityTags(boolean any, List<String> tags) {
        this.any = any;
        this.tags = tags;
    }

    public static @Nullable EntityTags parse(List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        boolean any = false;
        for (String value : values) {
            String v = value.trim();
            if (v.equals("*")) {
                any = true;
                continue;
            }
            int i = 0;
            int n = v.length();
            while (i < n) {
                while (i < n && (v.charAt(i) == ' ' || v.charAt(i) == '\t' || v.charAt(i) == ',')) {
                    i++;
                }
                if (i >= n) {
                    break;
                }
                int start = i;
                if (v.startsWith("W/", i)) {
                    i += 2;
                }
                if (i >= n || v.charAt(i) != '"') {
                    return null;
                }
                int close = v.indexOf('"', i + 1);
                if (close < 0) {
                    return null;
                }
                for (int k = i + 1; k < close; k++) {
                    char c = v.charAt(k);
                    if (c < 0x21 || c == 0x7f) {
                        return null;
                    }
                }
                out.add(v.substring(start, close + 1));
                i = close + 1;
                while (i < n && (v.charAt(i) == ' ' || v.charAt(i) == '\t')) {
                    i++;
                }
                if (i < n && v.charAt(i) != ',') {
                    return null;
                }
            }
        }
        if (!any && out.isEmpty()) {
            return null;
        }
        return new EntityTags(any, out);
    }

    public boolean isAny() {
        return any;
    }

    /** Weak comparison, as If-None-Match uses; a coded variant's suffix is ignored. */
    public boolean matchesWeak(@Nullable String etag) {
        if (etag == null) {
            return false;
        }
        if (any) {
            return true;
        }
        String opaque = opaque(etag);
        for (String tag : tags) {
            if (opaque(tag).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the list holds exactly {@code etag} (same characters, suffix included). */
    boolean containsExactly(String etag) {
        return tags.contains(etag);
    }

    /** Strong comparison, as If-Match uses: neither may be weak. */
    public boolean matchesStrong(@Nullable String etag) {
        if (etag == null) {
            return false;
        }
        if (any) {
            return true;
        }
        if (etag.startsWith("W/")) {
            return false;
        }
        String opaque = opaque(etag);
        for (String tag : tags) {
            if (!tag.startsWith("W/") && opaque(tag).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the opaque tag without W/, quotes and a coded variant's suffix. */
    static String opaque(String etag) {
        String t = etag.startsWith("W/") ? etag.substring(2) : etag;
        if (t.length() >= 2 && t.charAt(0) == '"' && t.charAt(t.length() - 1) == '"') {
            t = t.substring(1, t.length() - 1);
        }
        if (t.endsWith(GZIP_SUFFIX)) {
            t = t.substring(0, t.length() - GZIP_SUFFIX.length());
        } else if (t.endsWith(BROTLI_SUFFIX)) {
            t = t.substring(0, t.length() - BROTLI_SUFFIX.length());
        }
        return t;
    }

    /** Whether {@code etag} is a well-formed entity-tag. */
    public static boolean isValid(String etag) {
        EntityTags parsed = parse(List.of(etag));
        return parsed != null
                && !parsed.any
                && parsed.tags.size() == 1
                && parsed.tags.get(0).equals(etag.trim());
    }

    /** Returns the ETag of the gzip-coded variant of a representation whose ETag is {@code etag}. */
    public static String gzipVariant(String etag) {
        return variant(etag, Codings.Coding.GZIP);
    }

    /**
     * Returns the ETag of the {@code coding} variant of a representation whose ETag is {@code etag}: the same for
     * identity and for a weak ETag (weak validators may be shared by variants), else with the coding's suffix.
     */
    static String variant(String etag, Codings.Coding coding) {
        if (coding == Codings.Coding.IDENTITY || etag.startsWith("W/")) {
            return etag;
        }
        return etag.substring(0, etag.length() - 1) + coding.etagSuffix + "\"";
    }
}
