package dev.perfkit.cache.http.internal;

import dev.perfkit.cache.http.CacheRoute;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Matches a request path to the first route, in the order routes were added: exact paths by one hash lookup, then
 * the {@code /*} and {@code /**} patterns by prefix. An unmatched path costs the lookup and the prefix checks.
 */
public final class Routes {
    private record Pattern(CacheRoute route, String prefix, boolean rest, int order) {}

    private final Map<String, Pattern> exact = new HashMap<>();
    private final Pattern[] patterns;

    public Routes(List<CacheRoute> routes) {
        java.util.ArrayList<Pattern> list = new java.util.ArrayList<>();
        int order = 0;
        for (CacheRoute route : routes) {
            String p = route.pattern();
            if (p.endsWith("/**")) {
                list.add(new Pattern(route, p.substring(0, p.length() - 2), true, order));
            } else if (p.endsWith("/*")) {
                list.add(new Pattern(route, p.substring(0, p.length() - 1), false, order));
            } else {
                exact.putIfAbsent(p, new Pattern(route, p, false, order));
            }
            order++;
        }
        this.patterns = list.toArray(new Pattern[0]);
    }

    /** Returns the first route matching {@code path}, or {@code null}. */
    public @Nullable CacheRoute match(String path) {
        Pattern best = exact.get(path);
        for (Pattern p : patterns) {
            if (best != null && best.order < p.order) {
                break;
            }
            if (matches(p, path)) {
                best = p;
                break;
            }
        }
        return best == null ? null : best.route;
    }

    private static boolean matches(Pattern p, String path) {
        String prefix = p.prefix;
        if (p.rest) {
            return path.startsWith(prefix)
                    || (path.length() == prefix.length() - 1 && path.regionMatches(0, prefix, 0, prefix.length() - 1));
        }
        return path.length() > prefix.length() && path.startsWith(prefix) && path.indexOf('/', prefix.length()) < 0;
    }
}
