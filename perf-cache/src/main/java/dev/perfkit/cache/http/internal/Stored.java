package dev.perfkit.cache.http.internal;

import dev.perfkit.cache.http.HttpHeader;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One stored response: status, the headers to replay (no Date, Age, Content-Length, Set-Cookie or hop-by-hop
 * fields), the body in the codings the cache keeps it in (identity, gzip, Brotli: at least one), and what
 * freshness needs. Immutable; a revalidation makes a new one.
 */
public final class Stored {
    /** The value a render leaves in the cache's flight when its response must not be shared or stored. */
    static final Stored UNSHAREABLE =
            new Stored(0, List.of(), new byte[0], null, null, 0, null, null, 0, 0, 0, 0, 0, 0, false, false, List.of());

    final int status;
    final List<HttpHeader> headers;
    /** The body as the handler rendered it; {@code null} when only coded variants are kept. */
    final byte @Nullable [] identity;

    final byte @Nullable [] gzip;
    final byte @Nullable [] brotli;
    final int identityLength;
    final @Nullable String etag;
    final @Nullable Instant lastModified;
    /** The clock reading (epoch millis) when the response was received. */
    final long responseTime;
    /** Its age when received (the upstream's Age), in millis. */
    final long initialAge;

    final long freshness;
    final long staleWhileRevalidate;
    final long staleIfError;
    /** How long, from {@link #responseTime}, the cache keeps it. */
    final long retention;

    final boolean noCache;
    final boolean mustRevalidate;
    final List<String> tags;

    Stored(
            int status,
            List<HttpHeader> headers,
            byte @Nullable [] identity,
            byte @Nullable [] gzip,
            byte @Nullable [] brotli,
            int identityLength,
            @Nullable String etag,
            @Nullable Instant lastModified,
            long responseTime,
            long initialAge,
            long freshness,
            long staleWhileRevalidate,
            long staleIfError,
            long retention,
            boolean noCache,
            boolean mustRevalidate,
            List<String> tags) {
        this.status = status;
        this.headers = headers;
        this.identity = identity;
        this.gzip = gzip;
        this.brotli = brotli;
        this.identityLength = identityLength;
        this.etag = etag;
        this.lastModified = lastModified;
        this.responseTime = responseTime;
        this.initialAge = initialAge;
        this.freshness = freshness;
        this.staleWhileRevalidate = staleWhileRevalidate;
        this.staleIfError = staleIfError;
        this.retention = retention;
        this.noCache = noCache;
        this.mustRevalidate = mustRevalidate;
        this.tags = tags;
    }

    long age(long now) {
        return Math.max(0, initialAge + (now - responseTime));
    }

    /** Whether the cache keeps coded variants of the body (then every variant says {@code Vary: Accept-Encoding}). */
    boolean coded() {
        return gzip != null || brotli != null;
    }

    /**
     * The bytes it holds, roughly: every stored variant of the body, headers and a fixed overhead; the weight against
     * the byte budget.
     */
    long weight() {
        long w = 256L + length(identity) + length(gzip) + length(brotli);
        for (HttpHeader h : headers) {
            w += h.name().length() + h.value().length() + 32L;
        }
        return w;
    }

    private static int length(byte @Nullable [] b) {
        return b == null ? 0 : b.length;
    }

    @Nullable
    String header(String name) {
        for (HttpHeader h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }
}
