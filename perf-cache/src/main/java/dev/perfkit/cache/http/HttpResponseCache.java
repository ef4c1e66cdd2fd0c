package dev.perfkit.cache.http;

import dev.perfkit.cache.http.internal.Brotli;
import dev.perfkit.cache.http.internal.Engine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The entry point of perf-cache's HTTP response caching: routes with their policies, an RFC 9111 shared cache inside
 * the origin, deep and shallow ETags, and tags for CDN purges. Framework adapters call {@link #handle}; the servlet
 * one is {@code dev.perfkit.cache.http.servlet.ResponseCacheFilter}. Thread-safe.
 *
 * <p>What it promises: a cold miss storm on one URL runs the handler once (the others wait up to
 * {@link Builder#collapseWait} and then run it themselves, uncached); a stale response within stale-while-revalidate
 * is served while exactly one revalidation runs; once {@link #invalidateTag} or an unsafe method's invalidation
 * returned, no request gets a response rendered before it began; a response is never served to a request it was not
 * keyed for (Vary values, principal, Authorization), and responses that set cookies, are private or no-store are never
 * stored.
 *
 * {@snippet class=dev.perfkit.cache.http.HttpResponseCacheSnippets region=basic}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class HttpResponseCache {
    private final Engine engine;

    private HttpResponseCache(Engine engine) {
        this.engine = engine;
    }

    /** Returns a builder with no routes, a 64 MiB byte budget and a 1 MiB body limit. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Handles one exchange: requests no route covers, and methods other than GET, HEAD, POST, PUT, PATCH and DELETE,
     * go to the application untouched.
     *
     * @throws Exception what the application threw (never something of the cache's own)
     */
    public void handle(HttpExchange exchange) throws Exception {
        engine.handle(Objects.requireNonNull(exchange, "exchange"));
    }

    /** Whether a route covers {@code path}; adapters use it to skip everything else at near-zero cost. */
    public boolean covers(String path) {
        return engine.covers(path);
    }

    /**
     * Drops every stored response carrying {@code tag} (a render in flight that could carry it is not stored), then
     * calls the purge sinks. When it returns, no request gets a response rendered before it began.
     *
     * @throws IllegalArgumentException if the tag is empty, longer than 256 characters, or has whitespace, commas or
     *     control characters (it could not travel in Surrogate-Key or Cache-Tag)
     */
    public void invalidateTag(String tag) {
        Objects.requireNonNull(tag, "tag");
        if (tag.isEmpty() || tag.length() > 256 || !tag.chars().allMatch(c -> c > 32 && c < 127 && c != ',')) {
            throw new IllegalArgumentException("a tag is 1 to 256 visible ASCII characters without commas, but was '"
                    + (tag.length() > 40 ? tag.substring(0, 40) + "..." : tag) + "'");
        }
        engine.invalidateTag(tag);
    }

    /**
     * Drops every stored variant of {@code path} (any query, any Vary value), as a successful unsafe method does.
     *
     * @throws IllegalArgumentException if {@code path} does not start with '/'
     */
    public void invalidatePath(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with '/', but was '" + path + "'");
        }
        engine.invalidatePath(path);
    }

    /** Drops every stored response (purge sinks are not called). */
    public void invalidateAll() {
        engine.invalidateAll();
    }

    /** Returns a snapshot of the counters. */
    public HttpCacheStats stats() {
        return HttpCacheStats.of(engine.counters().snapshot(), engine.counters().refusals());
    }

    /** Returns the approximate number of stored responses. */
    public long estimatedSize() {
        return engine.estimatedSize();
    }

    /** Configures an {@link HttpResponseCache}; each setter checks its value at once. */
    public static final class Builder {
        private final List<CacheRoute> routes = new ArrayList<>();
        private long maximumBytes = 64L << 20;
        private int maximumBodyBytes = 1 << 20;
        private Duration collapseWait = Duration.ofSeconds(5);
        private Duration revalidationTimeout = Duration.ofSeconds(30);
        private boolean gzip;
        private boolean brotli;
        private boolean keepIdentity = true;
        private Clock clock = Clock.systemUTC();
        private HttpCacheListener listener = HttpCacheListener.NONE;
        private final List<PurgeSink> purgeSinks = new ArrayList<>();
        private String tagHeader = "perfkit-tags";
        private boolean emitTagHeaders = true;
        private int maxHeaderLength = 4096;

        private Builder() {}

        /** Adds a route; the first route matching a path wins. */
        public Builder route(CacheRoute route) {
            routes.add(Objects.requireNonNull(route, "route"));
            return this;
        }

        /**
         * The byte budget of stored responses (bodies and headers).
         *
         * @throws IllegalArgumentException if {@code bytes} is not positive
         */
        public Builder maximumBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maximumBytes must be positive, but was " + bytes);
            }
            this.maximumBytes = bytes;
            return this;
        }

        /**
         * Bodies above this many bytes are streamed to the client and not stored.
         *
         * @throws IllegalArgumentException if {@code bytes} is not positive
         */
        public Builder maximumBodyBytes(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maximumBodyBytes must be positive, but was " + bytes);
            }
            this.maximumBodyBytes = bytes;
            return this;
        }

        /**
         * How long a request waits for another request's render of the same response before it runs the handler
         * itself (uncached); default 5 seconds.
         *
         * @throws IllegalArgumentException if {@code wait} is negative
         */
        public Builder collapseWait(Duration wait) {
            Objects.requireNonNull(wait, "collapseWait");
            if (wait.isNegative()) {
                throw new IllegalArgumentException("collapseWait must be zero or positive, but was " + wait);
            }
            this.collapseWait = wait;
            return this;
        }

        /**
         * After how long a revalidation still running no longer blocks a new one; default 30 seconds.
         *
         * @throws IllegalArgumentException if {@code timeout} is not positive
         */
        public Builder revalidationTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "revalidationTimeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("revalidationTimeout must be positive, but was " + timeout);
            }
            this.revalidationTimeout = timeout;
            return this;
        }

        /**
         * Keeps compressible bodies (text, JSON, XML...) of 256 bytes and more gzip-coded in the store, served as is to
         * clients that accept gzip and decoded for the others; their ETag gets a {@code --gzip} suffix. The same as
         * {@code precompress("gzip").precompressedOnly()}.
         */
        public Builder gzip() {
            return precompress("gzip").precompressedOnly();
        }

        /**
         * Stores compressible bodies also coded in {@code codings} ({@code "gzip"}, {@code "br"}), compressed once,
         * when the response is stored, and serves each client the stored coding its Accept-Encoding prefers (highest
         * q-value; Brotli on a tie), identity to the others and to requests with Range. Every response with coded
         * variants says {@code Vary: Accept-Encoding}, and a coded variant's strong ETag gets a {@code --gzip} or
         * {@code --br} suffix. Compressible means text, JSON, XML, JavaScript, SVG, CSV or YAML, at least 256 bytes,
         * not coded by the handler, and a coding that saves at least a tenth; images, archives and other coded types
         * are stored as they are. The byte budget weighs every variant stored.
         *
         * <p>Brotli needs {@code com.aayushatharva.brotli4j:brotli4j} and its native library for the platform on the
         * class path (an optional dependency of perf-cache); gzip is the JDK's.
         *
         * @throws IllegalArgumentException if {@code codings} is empty or names something other than gzip and br
         * @throws IllegalStateException if {@code br} is asked for and brotli4j is not on the class path
         */
        public Builder precompress(String... codings) {
            Objects.requireNonNull(codings, "codings");
            if (codings.length == 0) {
                throw new IllegalArgumentException("precompress needs at least one coding: gzip, br");
            }
            boolean g = false;
            boolean b = false;
            for (String coding : codings) {
                switch (String.valueOf(coding).toLowerCase(Locale.ROOT)) {
                    case "gzip" -> g = true;
                    case "br" -> b = true;
                    default ->
                        throw new IllegalArgumentException(
                                "precompress accepts the codings gzip and br, but was '" + coding + "'");
                }
            }
            if (b && !Brotli.available()) {
                throw new IllegalStateException("precompress(\"br\") needs brotli4j on the class path: add"
                        + " com.aayushatharva.brotli4j:brotli4j and its native library for this platform");
            }
            this.gzip = g;
            this.brotli = b;
            return this;
        }

        /**
         * With {@link #precompress}: keeps only the coded variants of a body that has any, not the identity body, so
         * an entry weighs less; a client that accepts none of the codings gets the body decoded on each such hit.
         */
        public Builder precompressedOnly() {
            this.keepIdentity = false;
            return this;
        }

        /** The clock for Date, Age and freshness; tests pass a controllable one. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder listener(HttpCacheListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Adds a sink called after each tag invalidation (a CDN or Varnish purge). */
        public Builder purgeSink(PurgeSink sink) {
            purgeSinks.add(Objects.requireNonNull(sink, "purgeSink"));
            return this;
        }

        /**
         * The response header a handler may tag its response with (space or comma separated), stripped before the
         * response is sent; default {@code Perfkit-Tags}.
         *
         * @throws IllegalArgumentException if {@code name} is not a header token
         */
        public Builder tagHeader(String name) {
            Objects.requireNonNull(name, "tagHeader");
            if (name.isEmpty()
                    || !name.chars().allMatch(c -> c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0)) {
                throw new IllegalArgumentException("tagHeader must be a header name, but was '" + name + "'");
            }
            this.tagHeader = name.toLowerCase(Locale.ROOT);
            return this;
        }

        /** Stops emitting {@code Surrogate-Key} and {@code Cache-Tag} (on by default). */
        public Builder noTagHeaders() {
            this.emitTagHeaders = false;
            return this;
        }

        /**
         * Request header values longer than this (Vary'd headers, Cache-Control, If-None-Match) make the request
         * uncached (or its condition ignored); default 4096.
         *
         * @throws IllegalArgumentException if {@code length} is below 64
         */
        public Builder maxHeaderLength(int length) {
            if (length < 64) {
                throw new IllegalArgumentException("maxHeaderLength must be at least 64, but was " + length);
            }
            this.maxHeaderLength = length;
            return this;
        }

        /**
         * Builds the cache.
         *
         * @throws IllegalStateException if no route was added, or {@link #precompressedOnly} was set without
         *     {@link #precompress}
         */
        public HttpResponseCache build() {
            if (routes.isEmpty()) {
                throw new IllegalStateException("an HttpResponseCache needs at least one route");
            }
            if (!keepIdentity && !gzip && !brotli) {
                throw new IllegalStateException("precompressedOnly() needs precompress(...) with gzip or br");
            }
            return new HttpResponseCache(new Engine(new Engine.Config(
                    List.copyOf(routes),
                    maximumBytes,
                    maximumBodyBytes,
                    collapseWait.toNanos(),
                    revalidationTimeout.toNanos(),
                    gzip,
                    brotli,
                    keepIdentity,
                    clock,
                    listener,
                    List.copyOf(purgeSinks),
                    tagHeader,
                    emitTagHeaders,
                    maxHeaderLength)));
        }
    }
}
