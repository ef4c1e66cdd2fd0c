package dev.perfkit.cache.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The Cache-Control and Vary a route's responses get when the handler sets no Cache-Control itself; the shared cache
 * then follows those headers as RFC 9111 says. Built with {@link #builder()}.
 *
 * {@snippet class=dev.perfkit.cache.http.HttpResponseCacheSnippets region=policy}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class CachePolicy {
    private final String cacheControl;
    private final List<String> vary;

    private CachePolicy(String cacheControl, List<String> vary) {
        this.cacheControl = cacheControl;
        this.vary = vary;
    }

    /** Returns a builder with no directives. */
    public static Builder builder() {
        return new Builder();
    }

    /** The Cache-Control value, for example {@code public, max-age=60, s-maxage=300}. */
    public String cacheControl() {
        return cacheControl;
    }

    /** The Vary header names, in order. */
    public List<String> vary() {
        return vary;
    }

    @Override
    public String toString() {
        return "CachePolicy[" + cacheControl + (vary.isEmpty() ? "" : "; Vary: " + String.join(", ", vary)) + "]";
    }

    /** Builds a {@link CachePolicy}; each setter checks its value at once. */
    public static final class Builder {
        private long maxAge = -1;
        private long sMaxAge = -1;
        private long staleWhileRevalidate = -1;
        private long staleIfError = -1;
        private boolean isPublic;
        private boolean isPrivate;
        private boolean noStore;
        private boolean noCache;
        private boolean mustRevalidate;
        private boolean proxyRevalidate;
        private boolean immutable;
        private final Set<String> vary = new LinkedHashSet<>();

        private Builder() {}

        /** {@code max-age}: how long any cache, the client's too, may use the response. */
        public Builder maxAge(Duration age) {
            this.maxAge = seconds("maxAge", age);
            return this;
        }

        /** {@code s-maxage}: how long shared caches (this one, CDNs, Varnish) may use it; wins over max-age there. */
        public Builder sMaxAge(Duration age) {
            this.sMaxAge = seconds("sMaxAge", age);
            return this;
        }

        /** {@code stale-while-revalidate}: served stale this long past freshness while one revalidation runs. */
        public Builder staleWhileRevalidate(Duration window) {
            this.staleWhileRevalidate = seconds("staleWhileRevalidate", window);
            return this;
        }

        /** {@code stale-if-error}: served stale this long past freshness when the handler fails. */
        public Builder staleIfError(Duration window) {
            this.staleIfError = seconds("staleIfError", window);
            return this;
        }

        /**
         * {@code public}.
         *
         * @throws IllegalStateException if private was set
         */
        public Builder publicResponse() {
            if (isPrivate) {
                throw new IllegalStateException("public cannot be combined with private");
            }
            this.isPublic = true;
            return this;
        }

        /**
         * {@code private}: only the client may store it; never stored here.
         *
         * @throws IllegalStateException if public was set
         */
        public Builder privateResponse() {
            if (isPublic) {
                throw new IllegalStateException("private cannot be combined with public");
            }
            this.isPrivate = true;
            return this;
        }

        /** {@code no-store}: no cache may store it. */
        public Builder noStore() {
            this.noStore = true;
            return this;
        }

        /** {@code no-cache}: caches must revalidate before each use (here: the version function, or the handler). */
        public Builder noCache() {
            this.noCache = true;
            return this;
        }

        /** {@code must-revalidate}: never served stale, not even within stale-while-revalidate. */
        public Builder mustRevalidate() {
            this.mustRevalidate = true;
            return this;
        }

        /** {@code proxy-revalidate}: must-revalidate for shared caches only. */
        public Builder proxyRevalidate() {
            this.proxyRevalidate = true;
            return this;
        }

        /** {@code immutable}: clients need not revalidate while fresh. */
        public Builder immutable() {
            this.immutable = true;
            return this;
        }

        /**
         * Adds request headers the response varies on ({@code Accept}, {@code Accept-Language}...).
         *
         * @throws IllegalArgumentException if a name is empty, {@code *} or not a header token
         */
        public Builder vary(String... headers) {
            for (String header : headers) {
                Objects.requireNonNull(header, "vary header");
                if (header.isEmpty() || header.equals("*") || !isToken(header)) {
                    throw new IllegalArgumentException(
                            "vary takes header names (tokens, not '*'), but was '" + header + "'");
                }
                vary.add(header);
            }
            return this;
        }

        /**
         * Builds the policy.
         *
         * @throws IllegalStateException if no-store is combined with a freshness or stale directive
         */
        public CachePolicy build() {
            if (noStore && (maxAge >= 0 || sMaxAge >= 0 || staleWhileRevalidate >= 0 || staleIfError >= 0)) {
                throw new IllegalStateException("no-store cannot be combined with max-age, s-maxage or stale windows");
            }
            List<String> parts = new ArrayList<>();
            if (isPublic) {
                parts.add("public");
            }
            if (isPrivate) {
                parts.add("private");
            }
            if (noStore) {
                parts.add("no-store");
            }
            if (noCache) {
                parts.add("no-cache");
            }
            if (maxAge >= 0) {
                parts.add("max-age=" + maxAge);
            }
            if (sMaxAge >= 0) {
                parts.add("s-maxage=" + sMaxAge);
            }
            if (mustRevalidate) {
                parts.add("must-revalidate");
            }
            if (proxyRevalidate) {
                parts.add("proxy-revalidate");
            }
            if (staleWhileRevalidate >= 0) {
                parts.add("stale-while-revalidate=" + staleWhileRevalidate);
            }
            if (staleIfError >= 0) {
                parts.add("stale-if-error=" + staleIfError);
            }
            if (immutable) {
                parts.add("immutable");
            }
            return new CachePolicy(String.join(", ", parts), List.copyOf(vary));
        }

        private static long seconds(String parameter, Duration value) {
            Objects.requireNonNull(value, parameter);
            if (value.isNegative() || value.getSeconds() > Integer.MAX_VALUE || value.getNano() != 0) {
                throw new IllegalArgumentException(
                        parameter + " must be whole seconds from 0 to " + Integer.MAX_VALUE + ", but was " + value);
            }
            return value.getSeconds();
        }

        static boolean isToken(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c <= 32 || c >= 127 || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                    return false;
                }
            }
            return true;
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
