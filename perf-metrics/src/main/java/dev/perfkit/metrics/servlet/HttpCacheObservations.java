package dev.perfkit.metrics.servlet;

import dev.perfkit.cache.http.HttpCacheListener;
import dev.perfkit.cache.http.StoreRefusal;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer {@link Observation}s of perf-cache's HTTP response cache decisions: one observation
 * {@value #NAME} per request through the wrapped {@code ResponseCacheFilter}, with the low-cardinality key values
 *
 * <ul>
 *   <li>{@code cache}: the name given here;
 *   <li>{@code route}: the pattern of the matching route (configured, so bounded), or {@code none};
 *   <li>{@code outcome}: {@code hit}, {@code stale}, {@code collapsed} (served from another request's render),
 *       {@code miss} (the handler ran), {@code not_modified} (a 304 from the deep ETag's version alone, before any
 *       lookup) or {@code bypass} (no cached route, or a request the cache passes through);
 *   <li>{@code not_modified}: {@code true} when a 304 was sent instead of the body;
 *   <li>{@code refused}: why a rendered response was not stored (a {@link StoreRefusal} in lower case), or
 *       {@code none};
 *   <li>{@code method}: {@code GET}, {@code HEAD}, {@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE} or
 *       {@code other}.
 * </ul>
 *
 * <p>With micrometer-tracing and its OpenTelemetry bridge on the application's classpath these are spans around
 * the cache's work, the handler's own spans inside them; perf-metrics has no tracing dependency. The path, the
 * query and the response's tags never become key values. The decision is read from the cache's
 * {@link HttpCacheListener} callbacks on the request's thread, so the cache must be built with {@link #listener()};
 * an asynchronous request's observation ends when the filter returns.
 *
 * {@snippet class=dev.perfkit.metrics.servlet.HttpCacheObservationSnippets region=basic}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class HttpCacheObservations {
    /** The observation's name. */
    public static final String NAME = "perfkit.http.cache";

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

    private final ObservationRegistry registry;
    private final String name;
    private final HttpCacheListener delegate;
    // One per instance on purpose: two caches wrapped around one request record their own decisions.
    @SuppressWarnings("ThreadLocalUsage")
    private final ThreadLocal<@Nullable Decision> current = new ThreadLocal<>();

    private final HttpCacheListener listener = new Recorder();

    private HttpCacheObservations(ObservationRegistry registry, String name, HttpCacheListener delegate) {
        this.registry = registry;
        this.name = name;
        this.delegate = delegate;
    }

    /**
     * Observations in {@code registry} for the cache named {@code cacheName}.
     *
     * @throws IllegalArgumentException if the name is blank or longer than 100 characters
     */
    public static HttpCacheObservations of(ObservationRegistry registry, String cacheName) {
        return of(registry, cacheName, HttpCacheListener.NONE);
    }

    /**
     * Observations that also pass every callback on to {@code delegate} (a listener of the application's own).
     *
     * @throws IllegalArgumentException if the name is blank or longer than 100 characters
     */
    public static HttpCacheObservations of(ObservationRegistry registry, String cacheName, HttpCacheListener delegate) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(cacheName, "cacheName");
        Objects.requireNonNull(delegate, "delegate");
        if (cacheName.isBlank() || cacheName.length() > 100) {
            throw new IllegalArgumentException(
                    "cache name must be 1 to 100 non-blank characters, but was '" + cacheName + "'");
        }
        return new HttpCacheObservations(registry, cacheName, delegate);
    }

    /** The listener to build the {@code HttpResponseCache} with: it records each request's decision. */
    public HttpCacheListener listener() {
        return listener;
    }

    /** Returns {@code responseCacheFilter} with each request through it observed. */
    public Filter wrap(Filter responseCacheFilter) {
        Objects.requireNonNull(responseCacheFilter, "responseCacheFilter");
        return new Observed(responseCacheFilter);
    }

    /** What the cache decided for the request on this thread. */
    private static final class Decision {
        String route = "none";
        String outcome = "bypass";
        boolean notModified;
        String refused = "none";

        void outcome(String route, String outcome) {
            if (this.outcome.equals("bypass")) {
                this.route = route;
                this.outcome = outcome;
            }
        }
    }

    private final class Recorder extends HttpCacheListener {
        private @Nullable Decision decision() {
            return current.get();
        }

        @Override
        public void hit(String route, String path) {
            Decision d = decision();
            if (d != null) {
                d.outcome(route, "hit");
            }
            delegate.hit(route, path);
        }

        @Override
        public void miss(String route, String path) {
            Decision d = decision();
            if (d != null) {
                d.outcome(route, "miss");
            }
            delegate.miss(route, path);
        }

        @Override
        public void staleServed(String route, String path) {
            Decision d = decision();
            if (d != null) {
                d.outcome(route, "stale");
            }
            delegate.staleServed(route, path);
        }

        @Override
        public void collapsed(String route, String path) {
            Decision d = decision();
            if (d != null) {
                d.outcome(route, "collapsed");
            }
            delegate.collapsed(route, path);
        }

        @Override
        public void notModified(String route, String path, long bytesSaved) {
            Decision d = decision();
            if (d != null) {
                d.notModified = true;
                d.outcome(route, "not_modified"); // answered by the version function before any lookup
            }
            delegate.notModified(route, path, bytesSaved);
        }

        @Override
        public void storeRefused(String route, String path, StoreRefusal reason) {
            Decision d = decision();
            if (d != null) {
                d.refused = reason.name().toLowerCase(Locale.ROOT);
            }
            delegate.storeRefused(route, path, reason);
        }

        @Override
        public void revalidated(String route, String path, boolean notModified) {
            delegate.revalidated(route, path, notModified);
        }

        @Override
        public void purgeFailed(Collection<String> tags, Exception error) {
            delegate.purgeFailed(tags, error);
        }
    }

    private final class Observed implements Filter {
        private final Filter inner;

        Observed(Filter inner) {
            this.inner = inner;
        }

        @Override
        public void init(FilterConfig config) throws ServletException {
            inner.init(config);
        }

        @Override
        @SuppressWarnings("try") // the scope makes the observation current while the cache and handler run
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            Decision outer = current.get();
            Decision decision = new Decision();
            current.set(decision);
            String method = request instanceof HttpServletRequest http ? http.getMethod() : "other";
            Observation observation = Observation.createNotStarted(NAME, registry)
                    .contextualName("http cache " + name)
                    .lowCardinalityKeyValue("cache", name)
                    .lowCardinalityKeyValue("method", METHODS.contains(method) ? method : "other")
                    .start();
            try (Observation.Scope scope = observation.openScope()) {
                inner.doFilter(request, response, chain);
            } catch (IOException | ServletException | RuntimeException | Error e) {
                observation.error(e);
                throw e;
            } finally {
                observation
                        .lowCardinalityKeyValue("route", decision.route)
                        .lowCardinalityKeyValue("outcome", decision.outcome)
                        .lowCardinalityKeyValue("not_modified", Boolean.toString(decision.notModified))
                        .lowCardinalityKeyValue("refused", decision.refused);
                observation.stop();
                if (outer == null) {
                    current.remove();
                } else {
                    current.set(outer);
                }
            }
        }

        @Override
        public void destroy() {
            inner.destroy();
        }
    }
}
