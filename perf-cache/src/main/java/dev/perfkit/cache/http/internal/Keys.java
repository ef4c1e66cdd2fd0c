package dev.perfkit.cache.http.internal;

import dev.perfkit.cache.http.CacheRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Cache keys: {@code GET} + the path + the query with its parameters sorted, then the request's normalized value of
 * every Vary header, then the principal where the route caches per principal, and a marker for requests with
 * Authorization. A request that cannot be keyed safely (an ambiguous path, an input over the length limit) gets none.
 */
public final class Keys {
    /** Request headers whose values compare case-insensitively, so their case is dropped from the key. */
    private static final Set<String> CASELESS = Set.of(
            "accept",
            "accept-encoding",
            "accept-language",
            "accept-charset",
            "content-type",
            "origin",
            "x-requested-with");

    private Keys() {}

    /** Whether a raw path could mean something else to the application than it reads (dot segments, encodings). */
    public static boolean isAmbiguous(String path) {
        if (path.isEmpty()
                || path.charAt(0) != '/'
                || path.contains("//")
                || path.contains("/./")
                || path.contains("/../")
                || path.endsWith("/.")
                || path.endsWith("/..")
                || path.indexOf(';') >= 0
                || path.indexOf('\\') >= 0) {
            return true;
        }
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.contains("%2e")
                || lower.contains("%2f")
                || lower.contains("%5c")
                || lower.contains("%00")
                || lower.contains("%25");
    }

    /** {@code GET path?sorted-query}: the part of the key every variant of one URI shares. */
    public static String primary(String path, @Nullable String query) {
        if (query == null || query.isEmpty()) {
            return "GET " + path;
        }
        String[] params = query.split("&", -1);
        Arrays.sort(params);
        StringBuilder sb = new StringBuilder(path.length() + query.length() + 5)
                .append("GET ")
                .append(path);
        char sep = '?';
        for (String p : params) {
            if (p.isEmpty()) {
                continue;
            }
            sb.append(sep).append(p);
            sep = '&';
        }
        return sb.toString();
    }

    /** The path a key was made from, for the path tag. */
    public static String pathOf(String key) {
        int end = key.length();
        for (int i = 4; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '?' || c == '\n') {
                end = i;
                break;
            }
        }
        return key.substring(4, end);
    }

    /** The tag every stored variant of {@code path} carries, so an unsafe method drops them all. */
    public static String pathTag(String path) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return "~path:" + HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /**
     * Appends the normalized values of the Vary headers {@code names} (lower-case, sorted) to {@code primary};
     * returns {@code null} if a value is longer than {@code maxLength}.
     */
    public static @Nullable String withVary(String primary, String[] names, CacheRequest request, int maxLength) {
        if (names.length == 0) {
            return primary;
        }
        StringBuilder sb = new StringBuilder(primary);
        for (String name : names) {
            List<String> values = request.headers(name);
            String joined = String.join(",", values);
            if (joined.length() > maxLength) {
                return null;
            }
            sb.append('\n').append(name).append(':').append(normalize(name, joined, values.isEmpty()));
        }
        return sb.toString();
    }

    static String normalize(String name, String value, boolean absent) {
        if (absent) {
            return "\u0000"; // absent differs from empty
        }
        if (name.equals("accept-encoding")) {
            return acceptedCodings(value);
        }
        StringBuilder sb = new StringBuilder(value.length());
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t') {
                space = true;
                continue;
            }
            if (space && sb.length() > 0 && c != ',' && sb.charAt(sb.length() - 1) != ',') {
                sb.append(' ');
            }
            space = false;
            sb.append(c);
        }
        String s = sb.toString();
        return CASELESS.contains(name) ? s.toLowerCase(Locale.ROOT) : s;
    }

    /** The codings an Accept-Encoding value accepts (q above zero), lower-case, sorted. */
    public static String acceptedCodings(String value) {
        TreeSet<String> accepted = new TreeSet<>();
        for (String part : value.split(",", -1)) {
            String[] pieces = part.split(";", -1);
            String coding = pieces[0].trim().toLowerCase(Locale.ROOT);
            if (coding.isEmpty()) {
                continue;
            }
            boolean zero = false;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].trim().toLowerCase(Locale.ROOT);
                if (p.startsWith("q=")) {
                    try {
                        zero = Double.parseDouble(p.substring(2)) <= 0.0;
                    } catch (NumberFormatException e) {
                        zero = true;
                    }
                }
            }
            if (!zero) {
                accepted.add(coding);
            }
        }
        return String.join(",", accepted);
    }

    /** Whether the request accepts gzip. */
    public static boolean acceptsGzip(List<String> acceptEncoding) {
        for (String v : acceptEncoding) {
            String codings = acceptedCodings(v);
            for (String c : codings.split(",", -1)) {
                if (c.equals("gzip") || c.equals("x-gzip") || c.equals("*")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Parses Vary values into sorted, lower-case names; {@code ["*"]} for {@code Vary: *}. */
    public static String[] varyNames(List<String> values) {
        TreeSet<String> names = new TreeSet<>();
        for (String v : values) {
            for (String n : v.split(",", -1)) {
                String name = n.trim().toLowerCase(Locale.ROOT);
                if (name.equals("*")) {
                    return new String[] {"*"};
                }
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names.toArray(new String[0]);
    }

    /** The union of two sorted name arrays, sorted. */
    public static String[] union(String[] a, String[] b) {
        if (b.length == 0) {
            return a;
        }
        if (a.length == 0) {
            return b;
        }
        TreeSet<String> all = new TreeSet<>(Arrays.asList(a));
        Collections.addAll(all, b);
        return all.toArray(new String[0]);
    }

    /** Lower-cases header names for a Vary list. */
    public static String[] lower(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            out.add(n.toLowerCase(Locale.ROOT));
        }
        return new TreeSet<>(out).toArray(new String[0]);
    }
}
