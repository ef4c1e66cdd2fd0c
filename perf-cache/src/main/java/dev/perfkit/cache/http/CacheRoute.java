package dev.perfkit.cache.http;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Which requests the response cache handles and how: a path pattern, the safe methods it caches (GET and HEAD), and
 * either a {@link CachePolicy} or {@link Builder#fromResponse()}. Unsafe methods (POST, PUT, PATCH, DELETE) on a
 * route's paths invalidate what is stored for them.
 *
 * <p>Patterns: an exact path ({@code /health}), one segment ({@code /products/*}) or any rest ({@code /api/**},
 * which also matches {@code /api}). Built with {@link #builder(String)}.
 *
 * {@snippet class=dev.perfkit.cache.http.HttpResponseCacheSnippets region=basic}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class CacheRoute {
    private final String pattern;
    private final Set<String> methods;
    private final @Nullable CachePolicy policy;
    private final @Nullable VersionFunction version;
    private final boolean perPrincipal;
    private final Set<Integer> cacheableStatuses;
    private final long retainMillis;
    private final boolean shallowEtag;

    private CacheRoute(Builder b) {
        this.pattern = b.pattern;
        this.methods = Set.copyOf(b.methods);
        this.policy = b.policy;
        this.version = b.version;
        this.perPrincipal = b.perPrincipal;
        this.cacheableStatuses = Set.copyOf(b.cacheableStatuses);
        this.retainMillis = b.retainMillis;
        this.shallowEtag = b.shallowEtag;
    }

    /**
     * Starts a route for {@code pattern}.
     *
     * @throws IllegalArgumentException if the pattern does not start with '/', has a '*' other than a last segment
     *     {@code *} or {@code **}, or is longer than 1000 characters
     */
    public static Builder builder(String pattern) {
        return new Builder(pattern);
    }

    public String pattern() {
        return pattern;
    }

    public Set<String> methods() {
        return methods;
    }

    /** The policy, or {@code null} when the route takes its caching headers from the response. */
    public @Nullable CachePolicy policy() {
        return policy;
    }

    public @Nullable VersionFunction version() {
        return version;
    }

    public boolean perPrincipal() {
        return perPrincipal;
    }

    public Set<Integer> cacheableStatuses() {
        return cacheableStatuses;
    }

    /** How long a response with a validator is kept past its stale windows, for revalidation; in milliseconds. */
    public long retainMillis() {
        return retainMillis;
    }

    public boolean shallowEtag() {
        return shallowEtag;
    }

    @Override
    public String toString() {
        return "CacheRoute[" + pattern + " " + new TreeSet<>(methods) + ", "
                + (policy == null ? "from response" : policy) + (version == null ? "" : ", deep ETag")
                + (perPrincipal ? ", per principal" : "") + "]";
    }

    /** Builds a {@link CacheRoute}; each setter checks its value at once. */
    public static final class Builder {
        private final String pattern;
        private final Set<String> methods = new LinkedHashSet<>(Set.of("GET", "HEAD"));
        private @Nullable CachePolicy policy;
        private boolean fromResponse;
        private @Nullable VersionFunction version;
        private boolean perPrincipal;
        private final Set<Integer> cacheableStatuses = new TreeSet<>();
        private long retainMillis;
        private boolean shallowEtag = true;

        private Builder(String pattern) {
            Objects.requireNonNull(pattern, "pattern");
            if (!pattern.startsWith("/") || pattern.length() > 1000) {
                throw new IllegalArgumentException(
                        "a route pattern starts with '/' and has at most 1000 characters, but was '" + pattern + "'");
            }
            int star = pattern.indexOf('*');
            if (star >= 0
                    && !(pattern.endsWith("/*") && star == pattern.length() - 1)
                    && !(pattern.endsWith("/**") && star == pattern.length() - 2)) {
                throw new IllegalArgumentException("a route pattern may only end in '/*' (one segment) or '/**' (any"
                        + " rest); no other '*' is accepted, but was '" + pattern + "'");
            }
            this.pattern = pattern;
        }

        /**
         * The safe methods cached (default GET and HEAD; HEAD is answered from a stored GET).
         *
         * @throws IllegalArgumentException if a method is not GET or HEAD
         */
        public Builder methods(String... methods) {
            Set<String> chosen = new LinkedHashSet<>();
            for (String m : methods) {
                Objects.requireNonNull(m, "method");
                if (!m.equals("GET") && !m.equals("HEAD")) {
                    throw new IllegalArgumentException(
                            "a route caches GET and HEAD only (unsafe methods invalidate), but was '" + m + "'");
                }
                chosen.add(m);
            }
            if (chosen.isEmpty()) {
                throw new IllegalArgumentException("methods must name GET, HEAD or both");
            }
            this.methods.clear();
            this.methods.addAll(chosen);
            return this;
        }

        /**
         * The Cache-Control and Vary for responses whose handler sets no Cache-Control.
         *
         * @throws IllegalStateException if {@link #fromResponse()} was chosen
         */
        public Builder policy(CachePolicy policy) {
            if (fromResponse) {
                throw new IllegalStateException("a route takes a policy or fromResponse(), not both");
            }
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Follows the handler's own Cache-Control, Expires, Vary, ETag and Last-Modified as an RFC 9111 shared cache
         * (the default when no policy is set); what to use in front of a proxying servlet.
         *
         * @throws IllegalStateException if a policy was set
         */
        public Builder fromResponse() {
            if (policy != null) {
                throw new IllegalStateException("a route takes a policy or fromResponse(), not both");
            }
            this.fromResponse = true;
            return this;
        }

        /** Deep ETag / Last-Modified: computed before the handler runs; see {@link VersionFunction}. */
        public Builder version(VersionFunction version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /**
         * Caches responses per authenticated principal: the principal is part of the key, so requests with
         * Authorization are cached and never served to another principal.
         */
        public Builder perPrincipal() {
            this.perPrincipal = true;
            return this;
        }

        /**
         * Makes statuses cacheable that are not by default (RFC 9110 15.1: 200, 203, 204, 300, 301, 308, 404, 405,
         * 410, 414 and 501 are).
         *
         * @throws IllegalArgumentException if a status is outside 200 to 599, or is 206 or 304
         */
        public Builder cacheableStatuses(int... statuses) {
            for (int s : statuses) {
                if (s < 200 || s > 599 || s == 206 || s == 304) {
                    throw new IllegalArgumentException(
                            "cacheable statuses are 200 to 599 except 206 and 304, but was " + s);
                }
                cacheableStatuses.add(s);
            }
            return this;
        }

        /**
         * Keeps responses that have a validator this long past their stale windows, so a stale one is revalidated
         * (conditional request, or the version function) instead of rendered again; also makes no-cache responses
         * storable. Default zero.
         *
         * @throws IllegalArgumentException if {@code retain} is negative
         */
        public Builder retain(Duration retain) {
            Objects.requireNonNull(retain, "retain");
            if (retain.isNegative()) {
                throw new IllegalArgumentException("retain must be zero or positive, but was " + retain);
            }
            this.retainMillis = retain.toMillis();
            return this;
        }

        /** Turns off the shallow ETag (a hash of the body) for responses without a validator; on by default. */
        public Builder noShallowEtag() {
            this.shallowEtag = false;
            return this;
        }

        public CacheRoute build() {
            return new CacheRoute(this);
        }
    }
}
