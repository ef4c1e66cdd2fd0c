package dev.perfkit.cache.http;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The request side of an exchange, as a {@link VersionFunction} and the cache read it. */
public interface CacheRequest {
    /** The request method, as sent (methods are case-sensitive). */
    String method();

    /** The path inside the application, not decoded ({@code /products/42}), without the query. */
    String path();

    /** The raw query string without {@code ?}, or {@code null}. */
    @Nullable
    String query();

    /** Every value of the request header {@code name} (case-insensitive), in order; empty when absent. */
    List<String> headers(String name);

    /** The first value of the request header {@code name}, or {@code null}. */
    default @Nullable String header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** The authenticated principal's name, or {@code null}. */
    @Nullable
    String principal();
}
