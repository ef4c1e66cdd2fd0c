package dev.perfkit.assets.servlet;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Accept-Encoding negotiation (RFC 9110 section 12.5.3): q-values, {@code q=0} refusals, {@code *}, and an
 * unlisted identity that stays acceptable (least preferred) unless {@code identity;q=0} or {@code *;q=0}.
 * Ties go to the server's order. Elements that do not parse are ignored, never an error.
 */
final class AcceptEncoding {
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern QVALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");
    /** The weight of an identity the client did not mention: acceptable, but after anything it asked for. */
    private static final double UNLISTED_IDENTITY = 0.0001;
    /** Longest header considered; the rest is ignored (bounded work per request). */
    private static final int MAX_LENGTH = 4096;

    private static final int MEMO_SIZE = 64;
    private static final ConcurrentHashMap<String, Map<String, Double>> MEMO = new ConcurrentHashMap<>();

    private AcceptEncoding() {}

    /**
     * The representation to send, from {@code available} in server preference order, or null when the client
     * accepts none of them (406).
     */
    static @Nullable Representation choose(@Nullable String header, List<Representation> available) {
        if (header == null || header.isBlank()) {
            return identity(available);
        }
        Map<String, Double> weights = weights(header.length() > MAX_LENGTH ? header.substring(0, MAX_LENGTH) : header);
        Double star = weights.get("*");
        Representation best = null;
        double bestQ = 0;
        for (Representation r : available) {
            Double q = weights.get(r.token());
            if (q == null && r.token().equals("gzip")) {
                q = weights.get("x-gzip");
            }
            if (q == null) {
                q = star != null ? star : r.identity() ? UNLISTED_IDENTITY : 0.0;
            }
            if (q > bestQ) {
                best = r;
                bestQ = q;
            }
        }
        return best;
    }

    private static @Nullable Representation identity(List<Representation> available) {
        for (Representation r : available) {
            if (r.identity()) {
                return r;
            }
        }
        return null;
    }

    /**
     * The parsed weights, memoized: browsers send a handful of distinct headers, so parsing is skipped on the hot
     * path. The memo is bounded ({@value #MEMO_SIZE} entries, then cleared) so hostile headers cannot grow it.
     */
    private static Map<String, Double> weights(String header) {
        Map<String, Double> known = MEMO.get(header);
        if (known == null) {
            known = Map.copyOf(parse(header));
            if (MEMO.size() >= MEMO_SIZE) {
                MEMO.clear();
            }
            MEMO.put(header, known);
        }
        return known;
    }

    static Map<String, Double> parse(String header) {
        Map<String, Double> weights = new HashMap<>();
        for (String element : header.split(",", -1)) {
            String[] parts = element.split(";", -1);
            String token = parts[0].trim().toLowerCase(Locale.ROOT);
            if (!TOKEN.matcher(token).matches()) {
                continue;
            }
            Double q = 1.0;
            for (int i = 1; i < parts.length && q != null; i++) {
                String param = parts[i].trim();
                int eq = param.indexOf('=');
                if (eq > 0 && param.substring(0, eq).trim().equalsIgnoreCase("q")) {
                    String value = param.substring(eq + 1).trim();
                    q = QVALUE.matcher(value).matches() ? Double.valueOf(value) : null;
                }
            }
            if (q != null) {
                weights.merge(token, q, Math::max);
            }
        }
        return weights;
    }
}
