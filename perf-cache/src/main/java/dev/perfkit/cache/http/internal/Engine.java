package dev.perfkit.cache.http.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.perfkit.cache.CacheLoadException;
import dev.perfkit.cache.Loader;
import dev.perfkit.cache.http.CacheRoute;
import dev.perfkit.cache.http.CapturedResponse;
import dev.perfkit.cache.http.HttpCacheListener;
import dev.perfkit.cache.http.HttpExchange;
import dev.perfkit.cache.http.HttpHeader;
import dev.perfkit.cache.http.PurgeSink;
import dev.perfkit.cache.http.ResourceVersion;
import dev.perfkit.cache.http.StoreRefusal;
import dev.perfkit.cache.internal.CacheConfig;
import dev.perfkit.cache.internal.DefaultCacheAside;
import dev.perfkit.cache.internal.Revalidation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request flow of the response cache, framework-neutral: route match, deep validation, key, lookup, freshness and
 * request directives, stale serving, revalidation, render into a capture, storage rules, unsafe-method invalidation.
 *
 * <p>Storage is a perf-cache {@link DefaultCacheAside} keyed by {@link Keys}: a miss renders through its single-flight
 * load (concurrent misses wait, with a bound, for one render), a revalidation through its single-flight refresh (the
 * stale entry stays served), and its tag invalidation drops entries and refuses renders in flight. Every entry is
 * tagged with its path's tag, so an unsafe method drops every variant of the path.
 */
public final class Engine {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    /** Statuses cacheable by default (RFC 9110 section 15.1). */
    private static final Set<Integer> CACHEABLE_BY_DEFAULT =
            Set.of(200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501);

    private static final Set<Integer> STALE_IF_ERROR_STATUSES = Set.of(500, 502, 503, 504);
    private static final List<String> CONDITIONALS =
            List.of("If-None-Match", "If-Modified-Since", "If-Match", "If-Unmodified-Since", "If-Range", "Range");
    private static final int MAX_TAGS = 32;
    private static final int MAX_TAG_LENGTH = 256;
    private static final long HEURISTIC_CAP = Duration.ofDays(1).toMillis();

    /** The settings, validated by {@code HttpResponseCache.Builder}. */
    public record Config(
            List<CacheRoute> routes,
            long maximumBytes,
            int maximumBodyBytes,
            long collapseWaitNanos,
            long revalidationTimeoutNanos,
            boolean gzip,
            boolean brotli,
            boolean keepIdentity,
            Clock clock,
            HttpCacheListener listener,
            List<PurgeSink> purgeSinks,
            String tagHeader,
            boolean emitTagHeaders,
            int maxHeaderLength) {
        /** Whether the cache keeps coded variants of compressible bodies. */
        boolean precompress() {
            return gzip || brotli;
        }
    }

    private final Config config;
    private final Routes routes;
    private final DefaultCacheAside<String, Stored> cache;
    private final Cache<String, String[]> learnedVary;
    private final Counters counters = new Counters();
    private final Clock clock;
    private final HttpCacheListener listener;
    private final boolean listening;
    private final String tagHeader;

    public Engine(Config config) {
        this.config = config;
        this.routes = new Routes(config.routes());
        this.clock = config.clock();
        this.listener = config.listener();
        this.listening = listener != HttpCacheListener.NONE;
        this.tagHeader = config.tagHeader();
        Clock c = config.clock();
        this.cache = new DefaultCacheAside<>(CacheConfig.<String, Stored>builder()
                .name("http-" + UUID.randomUUID())
                .maximumWeight(config.maximumBytes())
                .weigher((String key, Stored value) -> value.weight() + 2L * key.length())
                .ttlFromValue((String key, Stored value) ->
                        value == Stored.UNSHAREABLE ? Duration.ZERO : Duration.ofMillis(Math.max(1, value.retention)))
                .tagsOf(key -> List.of(Keys.pathTag(Keys.pathOf(key))))
                .tagsOfValue(value -> value.tags)
                .ticker(() -> c.millis() * 1_000_000L)
                .executor(Runnable::run) // revalidations run in the request thread that claimed them
                .listener(dev.perfkit.cache.CacheEventListener.NONE)
                .secondLevelTimeoutNanos(1)
                .build());
        this.learnedVary = Caffeine.newBuilder().maximumSize(10_000).build();
    }

    public Counters counters() {
        return counters;
    }

    /** Whether a route covers {@code path}; the adapter skips everything else at the cost of this lookup. */
    public boolean covers(String path) {
        return routes.match(path) != null;
    }

    /** Drops the entries carrying {@code tag} (refusing renders in flight), then calls the purge sinks. */
    public void invalidateTag(String tag) {
        cache.invalidateTag(tag);
        purge(List.of(tag));
    }

    /** Drops every stored variant of {@code path} (any query, any Vary value), then purges its path tag. */
    public void invalidatePath(String path) {
        String tag = Keys.pathTag(path);
        cache.invalidateTag(tag);
        purge(List.of(tag));
    }

    public void invalidateAll() {
        cache.invalidateAll();
    }

    public long estimatedSize() {
        return cache.estimatedSize();
    }

    private void purge(List<String> tags) {
        for (PurgeSink sink : config.purgeSinks()) {
            try {
                sink.purge(tags);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                counters.inc(Counters.PURGE_FAILURES);
                LOG.warn("purging tags {} through {} failed; the local entries are gone", tags, sink, e);
                try {
                    listener.purgeFailed(tags, e);
                } catch (RuntimeException l) {
                    LOG.warn("the response cache listener threw", l);
                }
            }
        }
    }

    /** Handles one exchange: unmatched paths and unknown methods go to the application untouched. */
    public void handle(HttpExchange ex) throws Exception {
        CacheRoute route = routes.match(ex.path());
        if (route == null) {
            ex.proceed();
            return;
        }
        String method = ex.method();
        switch (method) {
            case "GET", "HEAD" -> {
                if (route.methods().contains(method)) {
                    safe(ex, route, method.equals("HEAD"));
                } else {
                    passThrough(ex);
                }
            }
            case "POST", "PUT", "PATCH", "DELETE" -> unsafe(ex, route);
            default -> passThrough(ex);
        }
    }

    private void passThrough(HttpExchange ex) throws Exception {
        counters.inc(Counters.PASSED_THROUGH);
        ex.proceed();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // GET and HEAD

    /** The request's conditionals; a malformed or over-long If-None-Match counts as present but never matches. */
    private record Conditions(
            boolean inmPresent,
            @Nullable EntityTags inm,
            @Nullable Instant ims) {
        boolean any() {
            return inmPresent || ims != null;
        }
    }

    private Conditions conditions(HttpExchange ex, long now) {
        List<String> inm = ex.headers("If-None-Match");
        boolean inmPresent = !inm.isEmpty();
        EntityTags tags = inmPresent && totalLength(inm) <= config.maxHeaderLength() ? EntityTags.parse(inm) : null;
        Instant ims = null;
        if (!inmPresent) {
            ims = HttpDates.parse(ex.header("If-Modified-Since"));
            if (ims != null && ims.toEpochMilli() > now) {
                ims = null; // a date in the future is invalid (RFC 9110 13.1.3)
            }
        }
        return new Conditions(inmPresent, tags, ims);
    }

    private static int totalLength(List<String> values) {
        int n = 0;
        for (String v : values) {
            n += v.length() + 1;
        }
        return n;
    }

    /** What one request asks of the cache, computed once. */
    private static final class Ask {
        final HttpExchange ex;
        final CacheRoute route;
        final boolean head;
        final Conditions cond;
        final CacheControl directives;
        final boolean noCache;
        final @Nullable ResourceVersion version;
        final String primary;
        final String[] vary;
        final String key;
        final boolean authorized;

        Ask(
                HttpExchange ex,
                CacheRoute route,
                boolean head,
                Conditions cond,
                CacheControl directives,
                boolean noCache,
                @Nullable ResourceVersion version,
                String primary,
                String[] vary,
                String key,
                boolean authorized) {
            this.ex = ex;
            this.route = route;
            this.head = head;
            this.cond = cond;
            this.directives = directives;
            this.noCache = noCache;
            this.version = version;
            this.primary = primary;
            this.vary = vary;
            this.key = key;
            this.authorized = authorized;
        }
    }

    private void safe(HttpExchange ex, CacheRoute route, boolean head) throws Exception {
        long now = clock.millis();
        String path = ex.path();
        Conditions cond = conditions(ex, now);
        List<String> requestCc = ex.headers("Cache-Control");
        String query = ex.query();
        if (Keys.isAmbiguous(path)
                || path.length() + (query == null ? 0 : query.length()) > 8 * config.maxHeaderLength()
                || totalLength(requestCc) > config.maxHeaderLength()) {
            refused(route, path, StoreRefusal.UNKEYABLE);
            renderUnstored(ex, route, null, cond, head);
            return;
        }
        CacheControl directives = CacheControl.parse(requestCc);
        boolean noCache = directives.has("no-cache")
                || (requestCc.isEmpty() && ex.headers("Pragma").stream().anyMatch(p -> p.contains("no-cache")));
        ResourceVersion version = versionOf(ex, route);
        String primary = Keys.primary(path, query);
        String[] routeVary = route.policy() == null
                ? new String[0]
                : Keys.lower(route.policy().vary());
        String[] learned = learnedVary.getIfPresent(primary);
        String[] vary = learned == null ? routeVary : Keys.union(routeVary, learned);
        String keyed = Keys.withVary(primary, vary, ex, config.maxHeaderLength());
        if (keyed == null) {
            refused(route, path, StoreRefusal.UNKEYABLE);
            renderUnstored(ex, route, version, cond, head);
            return;
        }
        String authorization = ex.header("Authorization");
        boolean authorized = authorization != null;
        if (route.perPrincipal()) {
            String principal = ex.principal();
            keyed += principal != null
                    ? "\nprincipal:" + principal
                    : authorization != null ? "\ncredentials:" + sha256(authorization) : "\nanonymous";
        } else if (authorized) {
            keyed += "\nauthorized";
        }
        Ask ask = new Ask(ex, route, head, cond, directives, noCache, version, primary, vary, keyed, authorized);

        Stored stored = cache.getIfPresent(keyed);
        if (stored == Stored.UNSHAREABLE) {
            stored = null;
        }
        if (version != null && cond.any() && notModified(cond, version.etag(), version.lastModified())) {
            sendDeepNotModified(ask, version, stored);
            return;
        }
        boolean validated = false;
        if (stored != null && version != null) {
            if (sameVersion(version, stored)) {
                validated = true;
            } else {
                cache.removeIfSame(keyed, stored); // rendered for an older version
                stored = null;
            }
        }
        if (stored == null) {
            if (directives.has("only-if-cached")) {
                sendGatewayTimeout(ex);
                return;
            }
            miss(ask);
            return;
        }
        long age = stored.age(now);
        if (validated || isFresh(ask, stored, age)) {
            event(Counters.HITS, route, path);
            serve(ask, stored);
            return;
        }
        boolean stale = age >= stored.freshness || stored.noCache; // else fresh, but not enough for the request
        long maxStale = directives.secondsOrUnbounded("max-stale");
        if (stale && maxStale >= 0 && mayServeStale(ask, stored) && age - stored.freshness <= maxStale * 1000) {
            event(Counters.STALE, route, path);
            serve(ask, stored);
            return;
        }
        if (stale && mayServeStale(ask, stored) && age < stored.freshness + stored.staleWhileRevalidate) {
            event(Counters.STALE, route, path);
            serve(ask, stored);
            ex.flush();
            revalidateInBackground(ask, stored);
            return;
        }
        if (directives.has("only-if-cached")) {
            sendGatewayTimeout(ex);
            return;
        }
        revalidateNow(ask, stored);
    }

    private @Nullable ResourceVersion versionOf(HttpExchange ex, CacheRoute route) {
        if (route.version() == null) {
            return null;
        }
        try {
            return route.version().version(ex);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("the version function of {} failed for {}; handled without a deep validator", route, ex.path(), e);
            return null;
        }
    }

    private static boolean sameVersion(ResourceVersion version, Stored stored) {
        if (version.etag() != null) {
            return stored.etag != null && EntityTags.opaque(stored.etag).equals(EntityTags.opaque(version.etag()));
        }
        Instant lm = version.lastModified();
        return lm != null
                && stored.lastModified != null
                && lm.truncatedTo(ChronoUnit.SECONDS).equals(stored.lastModified.truncatedTo(ChronoUnit.SECONDS));
    }

    private static boolean isFresh(Ask ask, Stored stored, long age) {
        if (stored.noCache || ask.noCache) {
            return false;
        }
        long maxAge = ask.directives.seconds("max-age");
        if (maxAge != CacheControl.ABSENT && (maxAge == CacheControl.INVALID || age > maxAge * 1000)) {
            return false;
        }
        long minFresh = ask.directives.seconds("min-fresh");
        if (minFresh >= 0 && stored.freshness - age < minFresh * 1000) {
            return false;
        }
        return age < stored.freshness;
    }

    private static boolean mayServeStale(Ask ask, Stored stored) {
        return !stored.mustRevalidate && !stored.noCache && !ask.noCache;
    }

    private boolean staleIfErrorAllows(Ask ask, Stored stored) {
        if (stored.mustRevalidate || stored.noCache) {
            return false;
        }
        long age = stored.age(clock.millis());
        long window = stored.staleIfError;
        long requested = ask.directives.seconds("stale-if-error");
        if (requested >= 0) {
            window = Math.max(window, requested * 1000);
        }
        return age < stored.freshness + window;
    }

    private static boolean notModified(Conditions cond, @Nullable String etag, @Nullable Instant lastModified) {
        if (cond.inmPresent) {
            return cond.inm != null && cond.inm.matchesWeak(etag);
        }
        if (cond.ims != null && lastModified != null) {
            return !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(cond.ims);
        }
        return false;
    }

    private void miss(Ask ask) throws Exception {
        if (ask.head) {
            passThrough(ask.ex); // a HEAD response has no body to store; HEAD is answered from a stored GET
            return;
        }
        Render render = new Render();
        Loader<String, Stored> loader = key -> {
            render.ran = true;
            // the client's conditionals are the cache's to answer: the handler renders the full response to store
            Outcome o = renderForStore(ask, false, List.of(), CONDITIONALS);
            render.outcome = o;
            return o.stored != null ? o.stored : Stored.UNSHAREABLE;
        };
        Stored value;
        try {
            value = cache.getBounded(ask.key, loader, config.collapseWaitNanos());
        } catch (TimeoutException e) {
            counters.inc(Counters.COLLAPSE_TIMEOUTS);
            renderUnstored(ask.ex, ask.route, ask.version, ask.cond, false);
            return;
        } catch (CacheLoadException e) {
            if (render.ran) {
                throw asException(e.getCause() == null ? e : e.getCause());
            }
            renderUnstored(ask.ex, ask.route, ask.version, ask.cond, false); // the render we waited for failed
            return;
        }
        Outcome mine = render.outcome;
        if (render.ran && mine != null) {
            event(Counters.MISSES, ask.route, ask.ex.path());
            send(ask, mine);
            return;
        }
        if (value == null || value == Stored.UNSHAREABLE) {
            renderUnstored(ask.ex, ask.route, ask.version, ask.cond, false); // not for sharing: render our own
            return;
        }
        event(Counters.COLLAPSED, ask.route, ask.ex.path());
        serve(ask, value);
    }

    private static Exception asException(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return (Exception) t;
    }

    /** A render's bookkeeping in the thread of the request that asked for it. */
    private static final class Render {
        volatile boolean ran;
        volatile @Nullable Outcome outcome;
        volatile boolean notModified;
    }

    /** Thrown by a revalidation whose handler failed with a 5xx, so the stale entry is kept and may be served. */
    private static final class OriginFailure extends Exception {
        private static final long serialVersionUID = 1L;

        OriginFailure(int status) {
            super("the handler answered " + status, null, false, false);
        }
    }

    /** A rendered response: the capture, the headers to send, and what to store, if anything. */
    private static final class Outcome {
        final CapturedResponse captured;
        final Decorated decorated;
        final @Nullable Stored stored;

        Outcome(CapturedResponse captured, Decorated decorated, @Nullable Stored stored) {
            this.captured = captured;
            this.decorated = decorated;
            this.stored = stored;
        }
    }

    private record Decorated(
            List<HttpHeader> headers,
            @Nullable String etag,
            @Nullable Instant lastModified,
            List<String> tags,
            @Nullable Instant date,
            long initialAge) {}

    private Outcome renderForStore(Ask ask, boolean detached, List<HttpHeader> requestHeaders, List<String> removed)
            throws Exception {
        ResourceVersion version = ask.version;
        CapturedResponse c = ask.ex.capture(
                config.maximumBodyBytes(),
                detached,
                requestHeaders,
                removed,
                streamStart((status, recorded) -> decorate(ask.ex, ask.route, status, recorded, version, null)
                        .headers()));
        Decorated d = c.streamed() || c.error()
                ? decorate(ask.ex, ask.route, c.status(), c.headers(), version, null)
                : decorate(ask.ex, ask.route, c.status(), c.headers(), version, c.body());
        if (c.streamed()) {
            refused(ask.route, ask.ex.path(), c.async() ? StoreRefusal.ASYNC : StoreRefusal.TOO_LARGE);
            return new Outcome(c, d, null);
        }
        if (c.error()) {
            refused(ask.route, ask.ex.path(), StoreRefusal.ERROR);
            return new Outcome(c, d, null);
        }
        if (c.status() == 304) {
            return new Outcome(c, d, null);
        }
        long now = clock.millis();
        StoreRefusal refusal = storability(ask, c, d);
        Stored stored = null;
        if (refusal == null) {
            stored = toStored(ask, c, d, now);
            if (stored == null) {
                refusal = StoreRefusal.NOT_FRESH;
            }
        }
        if (refusal != null) {
            if (!STALE_IF_ERROR_STATUSES.contains(c.status())) {
                refused(ask.route, ask.ex.path(), refusal);
            }
        } else {
            counters.inc(Counters.STORED);
        }
        return new Outcome(c, d, stored);
    }

    private @Nullable StoreRefusal storability(Ask ask, CapturedResponse c, Decorated d) {
        if (ask.directives.has("no-store")) {
            return StoreRefusal.NO_STORE;
        }
        if (!CACHEABLE_BY_DEFAULT.contains(c.status())
                && !ask.route.cacheableStatuses().contains(c.status())) {
            return StoreRefusal.STATUS;
        }
        CacheControl cc = CacheControl.parse(values(d.headers, "Cache-Control"));
        if (cc.has("no-store")) {
            return StoreRefusal.NO_STORE;
        }
        if (cc.has("private")) {
            return StoreRefusal.PRIVATE;
        }
        String[] vary = Keys.varyNames(values(d.headers, "Vary"));
        if (vary.length == 1 && vary[0].equals("*")) {
            return StoreRefusal.VARY_ALL;
        }
        if (!values(c.headers(), "Set-Cookie").isEmpty()) {
            return StoreRefusal.SET_COOKIE;
        }
        if (ask.authorized
                && !ask.route.perPrincipal()
                && !(cc.has("public") || cc.has("s-maxage") || cc.has("must-revalidate"))) {
            return StoreRefusal.AUTHORIZATION;
        }
        String[] keyed = ask.vary;
        // the cache's own coded variants need no key part; a handler that codes its body itself still does
        boolean ownCoding = config.precompress() && value(d.headers, "Content-Encoding") == null;
        vary = without(vary, ownCoding ? "accept-encoding" : null, keyed);
        if (!Set.of(keyed).containsAll(Arrays.asList(vary))) {
            learnedVary.asMap().merge(ask.primary, vary, Keys::union);
            return StoreRefusal.VARY_CHANGED;
        }
        return null;
    }

    /** Drops {@code name} from {@code vary} unless the key has it. */
    private static String[] without(String[] vary, @Nullable String name, String[] keyed) {
        if (name == null
                || Arrays.asList(keyed).contains(name)
                || !Arrays.asList(vary).contains(name)) {
            return vary;
        }
        return Arrays.stream(vary).filter(v -> !v.equals(name)).toArray(String[]::new);
    }

    private @Nullable Stored toStored(Ask ask, CapturedResponse c, Decorated d, long now) {
        List<HttpHeader> headers = new ArrayList<>(d.headers);
        CacheControl cc = CacheControl.parse(values(headers, "Cache-Control"));
        long date = d.date == null ? now : d.date.toEpochMilli();
        long freshness = freshness(cc, headers, date, c.status(), d.lastModified, ask.route.policy() == null);
        long swr = millis(cc.seconds("stale-while-revalidate"));
        long sie = millis(cc.seconds("stale-if-error"));
        boolean noCache = cc.has("no-cache");
        boolean mustRevalidate = cc.has("must-revalidate") || cc.has("proxy-revalidate");
        if (noCache) {
            freshness = 0;
        }
        boolean validator = d.etag != null || d.lastModified != null || ask.route.version() != null;
        long retention = freshness + Math.max(swr, sie) + (validator ? ask.route.retainMillis() : 0);
        if (retention - d.initialAge <= 0) {
            return null;
        }
        byte[] body = c.body();
        byte[] gzip = null;
        byte[] brotli = null;
        if (config.precompress()
                && body.length >= Codings.MIN_LENGTH
                && value(headers, "Content-Encoding") == null
                && Codings.compressible(value(headers, "Content-Type"))) {
            gzip = config.gzip() ? worthIt(Codings.gzip(body), body) : null;
            brotli = config.brotli() ? worthIt(Brotli.compress(body), body) : null;
            if (gzip != null || brotli != null) {
                addVary(headers, "Accept-Encoding");
            }
        }
        byte[] identity = (gzip == null && brotli == null) || config.keepIdentity() ? body : null;
        return new Stored(
                c.status(),
                List.copyOf(headers),
                identity,
                gzip,
                brotli,
                body.length,
                d.etag,
                d.lastModified,
                now,
                d.initialAge,
                freshness,
                swr,
                sie,
                retention,
                noCache,
                mustRevalidate,
                d.tags);
    }

    /** A coded body, kept only when it saves at least a tenth. */
    private static byte @Nullable [] worthIt(byte[] coded, byte[] body) {
        return coded.length < body.length * 0.9 ? coded : null;
    }

    private static long millis(long seconds) {
        return seconds < 0 ? 0 : seconds * 1000;
    }

    /**
     * The freshness lifetime a shared cache gives a response (RFC 9111 4.2.1): s-maxage, else max-age, else Expires
     * minus Date, else (only when the route follows the response, and the response is heuristically cacheable and has
     * Last-Modified) a tenth of its age since Last-Modified, capped at one day. A malformed value reads as stale.
     */
    static long freshness(
            CacheControl cc,
            List<HttpHeader> headers,
            long date,
            int status,
            @Nullable Instant lastModified,
            boolean heuristicAllowed) {
        long s = cc.seconds("s-maxage");
        if (s != CacheControl.ABSENT) {
            return s == CacheControl.INVALID ? 0 : s * 1000;
        }
        long m = cc.seconds("max-age");
        if (m != CacheControl.ABSENT) {
            return m == CacheControl.INVALID ? 0 : m * 1000;
        }
        List<String> expires = values(headers, "Expires");
        if (!expires.isEmpty()) {
            Instant at = expires.size() == 1 ? HttpDates.parse(expires.get(0)) : null;
            return at == null ? 0 : Math.max(0, at.toEpochMilli() - date);
        }
        if (heuristicAllowed && lastModified != null && (CACHEABLE_BY_DEFAULT.contains(status) || cc.has("public"))) {
            return Math.min(HEURISTIC_CAP, Math.max(0, (date - lastModified.toEpochMilli()) / 10));
        }
        return 0;
    }

    /**
     * Applies the route to what the handler set: the policy's Cache-Control and Vary where the handler set none,
     * the deep or shallow ETag, the tags (collected from the request, the tag header and incoming Surrogate-Key and
     * Cache-Tag, re-emitted with the path tag), and drops fields the cache sets itself.
     */
    private Decorated decorate(
            HttpExchange ex,
            CacheRoute route,
            int status,
            List<HttpHeader> recorded,
            @Nullable ResourceVersion version,
            byte @Nullable [] body) {
        List<HttpHeader> out = new ArrayList<>(recorded.size() + 6);
        Set<String> tags = new LinkedHashSet<>();
        for (String t : ex.tags()) {
            addTag(tags, t);
        }
        Instant date = null;
        long initialAge = 0;
        String etag = null;
        boolean hasCacheControl = false;
        for (HttpHeader h : recorded) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (name.equals(tagHeader)) {
                for (String t : h.value().split("[ ,]+", -1)) {
                    addTag(tags, t);
                }
                continue;
            }
            switch (name) {
                case "surrogate-key" -> {
                    for (String t : h.value().split(" +", -1)) {
                        addTag(tags, t);
                    }
                    continue;
                }
                case "cache-tag" -> {
                    for (String t : h.value().split(" *, *", -1)) {
                        addTag(tags, t);
                    }
                    continue;
                }
                case "date" -> {
                    date = HttpDates.parse(h.value());
                    continue;
                }
                case "age" -> {
                    long a = CacheControl.deltaSeconds(h.value().trim());
                    initialAge = a < 0 ? 0 : a * 1000;
                    continue;
                }
                case "content-length",
                        "transfer-encoding",
                        "connection",
                        "keep-alive",
                        "proxy-connection",
                        "upgrade",
                        "te",
                        "trailer" -> {
                    continue;
                }
                case "etag" -> {
                    if (!EntityTags.isValid(h.value())) {
                        continue; // a malformed ETag could never match: dropped
                    }
                    etag = h.value().trim();
                }
                case "cache-control" -> hasCacheControl = true;
                default -> {}
            }
            out.add(h);
        }
        if (route.policy() != null) {
            if (!hasCacheControl && !route.policy().cacheControl().isEmpty()) {
                out.add(new HttpHeader("Cache-Control", route.policy().cacheControl()));
            }
            for (String v : route.policy().vary()) {
                addVary(out, v);
            }
        }
        Instant lastModified = HttpDates.parse(value(out, "Last-Modified"));
        if (version != null) {
            if (etag == null && version.etag() != null) {
                etag = version.etag();
                out.add(new HttpHeader("ETag", etag));
            }
            if (lastModified == null && version.lastModified() != null) {
                lastModified = version.lastModified();
                out.add(new HttpHeader("Last-Modified", HttpDates.format(lastModified)));
            }
        } else if (etag == null && route.shallowEtag() && body != null && status == 200) {
            etag = "\"s" + shallowHash(body) + "\"";
            out.add(new HttpHeader("ETag", etag));
        }
        if (config.emitTagHeaders()) {
            List<String> emitted = new ArrayList<>(tags);
            emitted.add(Keys.pathTag(ex.path()));
            out.add(new HttpHeader("Surrogate-Key", String.join(" ", emitted)));
            out.add(new HttpHeader("Cache-Tag", String.join(",", emitted)));
        }
        return new Decorated(out, etag, lastModified, List.copyOf(tags), date, initialAge);
    }

    private static void addTag(Set<String> tags, String tag) {
        if (tag.isEmpty() || tag.length() > MAX_TAG_LENGTH || tags.size() >= MAX_TAGS) {
            return;
        }
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (c <= 32 || c >= 127 || c == ',') {
                return;
            }
        }
        tags.add(tag);
    }

    static String shallowHash(byte[] body) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(d, 18));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static String sha256(String s) {
        return shallowHash(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void addVary(List<HttpHeader> headers, String name) {
        for (int i = 0; i < headers.size(); i++) {
            HttpHeader h = headers.get(i);
            if (h.name().equalsIgnoreCase("Vary")) {
                for (String v : h.value().split(",", -1)) {
                    if (v.trim().equalsIgnoreCase(name) || v.trim().equals("*")) {
                        return;
                    }
                }
                headers.set(i, new HttpHeader(h.name(), h.value() + ", " + name));
                return;
            }
        }
        headers.add(new HttpHeader("Vary", name));
    }

    static List<String> values(List<HttpHeader> headers, String name) {
        List<String> out = null;
        for (HttpHeader h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(h.value());
            }
        }
        return out == null ? List.of() : out;
    }

    static @Nullable String value(List<HttpHeader> headers, String name) {
        for (HttpHeader h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Revalidation

    private Loader<String, Stored> revalidation(Ask ask, Stored stale, Render render, boolean detached) {
        return key -> {
            render.ran = true;
            List<HttpHeader> conditional = new ArrayList<>();
            if (stale.etag != null) {
                conditional.add(new HttpHeader("If-None-Match", stale.etag));
            } else if (stale.lastModified != null) {
                conditional.add(new HttpHeader("If-Modified-Since", HttpDates.format(stale.lastModified)));
            }
            Outcome o = renderForStore(ask, detached, conditional, CONDITIONALS);
            render.outcome = o;
            int status = o.captured.status();
            if (status == 304 && !conditional.isEmpty() && !o.captured.error()) {
                render.notModified = true;
                Stored fresh = freshen(ask, stale, o.decorated);
                return fresh == null ? Stored.UNSHAREABLE : fresh;
            }
            if (o.captured.error() || STALE_IF_ERROR_STATUSES.contains(status)) {
                throw new OriginFailure(status);
            }
            return o.stored != null ? o.stored : Stored.UNSHAREABLE;
        };
    }

    /** The stored response updated with the fields of a 304 (RFC 9111 4.3.4), fresh from now. */
    private @Nullable Stored freshen(Ask ask, Stored stale, Decorated notModified) {
        List<HttpHeader> merged = new ArrayList<>();
        Set<String> replaced = new java.util.HashSet<>();
        for (HttpHeader h : notModified.headers) {
            String n = h.name().toLowerCase(Locale.ROOT);
            if (!n.equals("content-type") && !n.equals("content-encoding") && !n.equals("vary")) {
                replaced.add(n);
            }
        }
        for (HttpHeader h : stale.headers) {
            if (!replaced.contains(h.name().toLowerCase(Locale.ROOT))) {
                merged.add(h);
            }
        }
        for (HttpHeader h : notModified.headers) {
            if (replaced.contains(h.name().toLowerCase(Locale.ROOT))) {
                merged.add(h);
            }
        }
        long now = clock.millis();
        CacheControl cc = CacheControl.parse(values(merged, "Cache-Control"));
        long date = notModified.date == null ? now : notModified.date.toEpochMilli();
        long freshness = freshness(cc, merged, date, stale.status, stale.lastModified, ask.route.policy() == null);
        long swr = millis(cc.seconds("stale-while-revalidate"));
        long sie = millis(cc.seconds("stale-if-error"));
        boolean noCache = cc.has("no-cache");
        if (noCache) {
            freshness = 0;
        }
        long retention = freshness + Math.max(swr, sie) + ask.route.retainMillis();
        if (retention <= 0 || cc.has("no-store") || cc.has("private")) {
            return null;
        }
        return new Stored(
                stale.status,
                List.copyOf(merged),
                stale.identity,
                stale.gzip,
                stale.brotli,
                stale.identityLength,
                stale.etag,
                stale.lastModified,
                now,
                notModified.initialAge,
                freshness,
                swr,
                sie,
                retention,
                noCache,
                cc.has("must-revalidate") || cc.has("proxy-revalidate"),
                notModified.tags.isEmpty() ? stale.tags : notModified.tags);
    }

    /** After a stale response was sent within stale-while-revalidate: the one revalidation, if this request claims it. */
    private void revalidateInBackground(Ask ask, Stored stale) {
        Render render = new Render();
        try {
            Revalidation<Stored> r = cache.revalidate(
                    ask.key, stale, revalidation(ask, stale, render, true), config.revalidationTimeoutNanos());
            if (r != null && r.ran()) {
                revalidated(ask, render.notModified);
            }
        } catch (RuntimeException e) {
            LOG.warn("the background revalidation of {} failed", ask.key, e);
        }
    }

    private void revalidated(Ask ask, boolean notModified) {
        counters.inc(Counters.REVALIDATIONS);
        if (notModified) {
            counters.inc(Counters.REVALIDATIONS_NOT_MODIFIED);
        }
        if (listening) {
            try {
                listener.revalidated(ask.route.pattern(), ask.ex.path(), notModified);
            } catch (RuntimeException e) {
                LOG.warn("the response cache listener threw", e);
            }
        }
    }

    /** A stale response that may not be served as is: one revalidation, the others wait for it (bounded). */
    private void revalidateNow(Ask ask, Stored stale) throws Exception {
        Render render = new Render();
        Revalidation<Stored> r = cache.revalidate(
                ask.key, stale, revalidation(ask, stale, render, false), config.revalidationTimeoutNanos());
        if (r == null) {
            miss(ask); // replaced or dropped meanwhile
            return;
        }
        Stored value = null;
        Throwable failure = null;
        if (r.ran()) {
            revalidated(ask, render.notModified);
        }
        try {
            value = r.ran()
                    ? r.future().getNow(null)
                    : r.future().get(config.collapseWaitNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            counters.inc(Counters.COLLAPSE_TIMEOUTS);
            renderUnstored(ask.ex, ask.route, ask.version, ask.cond, ask.head);
            return;
        } catch (ExecutionException | java.util.concurrent.CompletionException e) {
            failure = e.getCause() == null ? e : e.getCause();
        }
        Outcome mine = render.outcome;
        if (failure != null) {
            if (mine != null && mine.captured.streamed()) {
                return; // already sent
            }
            if (staleIfErrorAllows(ask, stale)) {
                event(Counters.STALE, ask.route, ask.ex.path());
                serve(ask, stale);
                return;
            }
            if (r.ran()) {
                if (failure instanceof OriginFailure && mine != null) {
                    send(ask, mine);
                    return;
                }
                throw asException(
                        failure instanceof CacheLoadException && failure.getCause() != null
                                ? failure.getCause()
                                : failure);
            }
            renderUnstored(ask.ex, ask.route, ask.version, ask.cond, ask.head);
            return;
        }
        if (value == null || value == Stored.UNSHAREABLE) {
            if (r.ran() && mine != null) {
                if (render.notModified) {
                    renderUnstored(ask.ex, ask.route, ask.version, ask.cond, ask.head);
                } else {
                    send(ask, mine);
                }
            } else {
                renderUnstored(ask.ex, ask.route, ask.version, ask.cond, ask.head);
            }
            return;
        }
        if (!r.ran()) {
            event(Counters.COLLAPSED, ask.route, ask.ex.path());
        }
        serve(ask, value);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Sending

    /**
     * Serves a stored response: Date, Age, the coding the client accepts (identity for a Range request), and 304 when
     * its conditionals match.
     */
    private void serve(Ask ask, Stored stored) throws Exception {
        HttpExchange ex = ask.ex;
        long now = clock.millis();
        Codings.Coding coding = stored.coded()
                ? Codings.choose(
                        ex.headers("Accept-Encoding"),
                        stored.gzip != null,
                        stored.brotli != null,
                        ex.header("Range") != null,
                        config.maxHeaderLength())
                : Codings.Coding.IDENTITY;
        String etag = stored.etag == null ? null : EntityTags.variant(stored.etag, coding);
        List<HttpHeader> headers = new ArrayList<>(stored.headers.size() + 4);
        for (HttpHeader h : stored.headers) {
            if (etag != null && h.name().equalsIgnoreCase("ETag")) {
                headers.add(new HttpHeader(h.name(), etag));
            } else {
                headers.add(h);
            }
        }
        headers.add(new HttpHeader("Date", HttpDates.format(now)));
        headers.add(new HttpHeader("Age", Long.toString(stored.age(now) / 1000)));
        if (stored.status / 100 == 2 && notModified(ask.cond, etag, stored.lastModified)) {
            sendNotModified(ask, headers, stored.identityLength);
            return;
        }
        byte[] body;
        switch (coding) {
            case GZIP -> {
                body = Objects.requireNonNull(stored.gzip);
                headers.add(new HttpHeader("Content-Encoding", "gzip"));
            }
            case BROTLI -> {
                body = Objects.requireNonNull(stored.brotli);
                headers.add(new HttpHeader("Content-Encoding", "br"));
            }
            default -> body = identity(stored);
        }
        if (stored.status != 204) {
            headers.add(new HttpHeader("Content-Length", Integer.toString(body.length)));
        }
        ex.send(stored.status, headers, ask.head ? null : body);
    }

    /** The identity body: stored, or decoded from a stored variant (gzip first: the JDK decodes it). */
    private static byte[] identity(Stored stored) {
        if (stored.identity != null) {
            return stored.identity;
        }
        if (stored.gzip != null) {
            return Codings.gunzip(stored.gzip, stored.identityLength);
        }
        return Brotli.decompress(Objects.requireNonNull(stored.brotli), stored.identityLength);
    }

    /** Sends a rendered response that the cache did not store (or the owner's own, when it did not store it). */
    private void send(Ask ask, Outcome o) throws Exception {
        if (o.stored != null) {
            serve(ask, o.stored);
            return;
        }
        sendRendered(ask.ex, o.captured, o.decorated, ask.cond, ask.head);
    }

    private void sendRendered(HttpExchange ex, CapturedResponse c, Decorated d, Conditions cond, boolean head)
            throws Exception {
        if (c.streamed()) {
            return;
        }
        if (c.error()) {
            ex.sendError(c, d.headers);
            return;
        }
        List<HttpHeader> headers = new ArrayList<>(d.headers);
        if (c.status() / 100 == 2 && notModified(cond, d.etag, d.lastModified)) {
            counters.inc(Counters.NOT_MODIFIED);
            counters.add(Counters.BYTES_SAVED, c.body().length);
            ex.send(304, notModifiedHeaders(headers), null);
            return;
        }
        if (c.status() != 204 && c.status() != 304) {
            headers.add(new HttpHeader("Content-Length", Integer.toString(c.body().length)));
        }
        ex.send(c.status(), headers, head || c.status() == 304 ? null : c.body());
    }

    /** Renders into a capture without storing (to apply the route's headers and shallow ETag), then sends. */
    private void renderUnstored(
            HttpExchange ex, CacheRoute route, @Nullable ResourceVersion version, Conditions cond, boolean head)
            throws Exception {
        if (head) {
            passThrough(ex);
            return;
        }
        CapturedResponse c = ex.capture(
                config.maximumBodyBytes(),
                false,
                List.of(),
                List.of(),
                streamStart((status, recorded) ->
                        decorate(ex, route, status, recorded, version, null).headers()));
        Decorated d = decorate(ex, route, c.status(), c.headers(), version, c.streamed() ? null : c.body());
        if (c.async()) {
            refused(route, ex.path(), StoreRefusal.ASYNC);
        }
        event(Counters.MISSES, route, ex.path());
        sendRendered(ex, c, d, cond, false);
    }

    private void sendDeepNotModified(Ask ask, ResourceVersion version, @Nullable Stored stored) throws Exception {
        List<HttpHeader> headers = new ArrayList<>();
        String etag = version.etag();
        if (etag != null) {
            EntityTags inm = ask.cond.inm;
            String sent = etag;
            if (inm != null && !inm.isAny() && !inm.containsExactly(etag)) {
                for (Codings.Coding coding : List.of(Codings.Coding.GZIP, Codings.Coding.BROTLI)) {
                    if (inm.containsExactly(EntityTags.variant(etag, coding))) {
                        sent = EntityTags.variant(etag, coding); // the variant the client holds
                    }
                }
            }
            headers.add(new HttpHeader("ETag", sent));
        }
        if (stored != null) {
            headers.addAll(stored.headers);
        } else if (ask.route.policy() != null) {
            if (!ask.route.policy().cacheControl().isEmpty()) {
                headers.add(new HttpHeader("Cache-Control", ask.route.policy().cacheControl()));
            }
            for (String v : ask.route.policy().vary()) {
                addVary(headers, v);
            }
        }
        if (version.lastModified() != null) {
            headers.add(new HttpHeader("Last-Modified", HttpDates.format(version.lastModified())));
        }
        headers.add(new HttpHeader("Date", HttpDates.format(clock.millis())));
        sendNotModified(ask, headers, stored == null ? 0 : stored.identityLength);
    }

    private void sendNotModified(Ask ask, List<HttpHeader> headers, long bytesSaved) throws Exception {
        counters.inc(Counters.NOT_MODIFIED);
        counters.add(Counters.BYTES_SAVED, bytesSaved);
        if (listening) {
            try {
                listener.notModified(ask.route.pattern(), ask.ex.path(), bytesSaved);
            } catch (RuntimeException e) {
                LOG.warn("the response cache listener threw", e);
            }
        }
        ask.ex.send(304, notModifiedHeaders(headers), null);
    }

    /** The fields a 304 carries (RFC 9110 15.4.5): the first ETag, and Cache-Control, Vary, Date, Expires, Age... */
    private static List<HttpHeader> notModifiedHeaders(List<HttpHeader> headers) {
        List<HttpHeader> out = new ArrayList<>();
        boolean etag = false;
        for (HttpHeader h : headers) {
            switch (h.name().toLowerCase(Locale.ROOT)) {
                case "etag" -> {
                    if (!etag) {
                        out.add(h);
                        etag = true;
                    }
                }
                case "cache-control",
                        "vary",
                        "date",
                        "expires",
                        "content-location",
                        "last-modified",
                        "age",
                        "surrogate-key",
                        "cache-tag" -> out.add(h);
                default -> {}
            }
        }
        return out;
    }

    private static void sendGatewayTimeout(HttpExchange ex) throws Exception {
        byte[] body = "only-if-cached: no stored response\n".getBytes(StandardCharsets.UTF_8);
        ex.send(
                504,
                List.of(
                        new HttpHeader("Content-Type", "text/plain; charset=utf-8"),
                        new HttpHeader("Cache-Control", "no-store"),
                        new HttpHeader("Content-Length", Integer.toString(body.length))),
                body);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Unsafe methods

    private void unsafe(HttpExchange ex, CacheRoute route) throws Exception {
        if (route.version() != null && preconditionFailed(ex, route)) {
            byte[] body = "precondition failed\n".getBytes(StandardCharsets.UTF_8);
            ex.send(
                    412,
                    List.of(
                            new HttpHeader("Content-Type", "text/plain; charset=utf-8"),
                            new HttpHeader("Content-Length", Integer.toString(body.length))),
                    body);
            return;
        }
        boolean[] invalidated = {false};
        CapturedResponse c;
        try {
            c = ex.capture(config.maximumBodyBytes(), false, List.of(), List.of(), streamStart((status, recorded) -> {
                if (status < 400) {
                    invalidated[0] = true;
                    invalidateAfterUnsafe(ex, recorded);
                }
                return stripForSend(recorded);
            }));
        } catch (Exception | Error e) {
            if (!invalidated[0]) {
                invalidateAfterUnsafe(ex, List.of()); // it may have changed something before it failed
            }
            throw e;
        }
        if (c.streamed()) {
            if (c.async()) {
                // the handler may change state until it completes: a render between the invalidation above (when
                // the response was handed over) and then could have stored the old state
                String path = ex.path();
                ex.whenComplete(() -> {
                    try {
                        invalidatePath(path);
                    } catch (RuntimeException e) {
                        LOG.warn("invalidating {} after an asynchronous unsafe request failed", path, e);
                    }
                });
            }
            return;
        }
        List<HttpHeader> headers = stripForSend(c.headers());
        if (!invalidated[0] && c.status() < 400) {
            invalidateAfterUnsafe(ex, headers);
        }
        if (c.error()) {
            ex.sendError(c, headers);
            return;
        }
        if (c.status() != 204 && c.status() != 304) {
            headers.add(new HttpHeader("Content-Length", Integer.toString(c.body().length)));
        }
        ex.send(c.status(), headers, c.body());
    }

    /** {@code headers}, and the tag header marked as the cache's own, so no adapter lets it reach the client. */
    private HttpExchange.StreamStart streamStart(HttpExchange.StreamStart headers) {
        return new HttpExchange.StreamStart() {
            @Override
            public List<HttpHeader> headers(int status, List<HttpHeader> recorded) {
                return headers.headers(status, recorded);
            }

            @Override
            public boolean internal(String name) {
                return name.equalsIgnoreCase(tagHeader);
            }
        };
    }

    private List<HttpHeader> stripForSend(List<HttpHeader> recorded) {
        List<HttpHeader> out = new ArrayList<>(recorded.size());
        for (HttpHeader h : recorded) {
            String n = h.name().toLowerCase(Locale.ROOT);
            if (!n.equals(tagHeader) && !n.equals("content-length") && !n.equals("transfer-encoding")) {
                out.add(h);
            }
        }
        return out;
    }

    /** If-Match (strong) and If-Unmodified-Since against the version function's answer (RFC 9110 13.1.1, 13.1.4). */
    private boolean preconditionFailed(HttpExchange ex, CacheRoute route) {
        List<String> ifMatch = ex.headers("If-Match");
        String ius = ex.header("If-Unmodified-Since");
        if (ifMatch.isEmpty() && ius == null) {
            return false;
        }
        ResourceVersion version = versionOf(ex, route);
        if (!ifMatch.isEmpty()) {
            EntityTags tags = totalLength(ifMatch) <= config.maxHeaderLength() ? EntityTags.parse(ifMatch) : null;
            if (tags == null || version == null) {
                return true; // a malformed condition, or no current representation, never holds
            }
            return tags.isAny() ? false : !tags.matchesStrong(version.etag());
        }
        Instant since = HttpDates.parse(ius);
        if (since == null || version == null || version.lastModified() == null) {
            return false; // an invalid date is ignored
        }
        return version.lastModified().truncatedTo(ChronoUnit.SECONDS).isAfter(since);
    }

    /** RFC 9111 4.4: the target URI, and Location and Content-Location when they are on the same host. */
    private void invalidateAfterUnsafe(HttpExchange ex, List<HttpHeader> headers) {
        Set<String> paths = new LinkedHashSet<>();
        paths.add(ex.path());
        for (String name : List.of("Location", "Content-Location")) {
            String v = value(headers, name);
            if (v != null) {
                String p = sameOriginPath(ex, v);
                if (p != null) {
                    paths.add(p);
                }
            }
        }
        for (String p : paths) {
            try {
                invalidatePath(p);
            } catch (RuntimeException e) {
                LOG.warn("invalidating {} after {} {} failed", p, ex.method(), ex.path(), e);
            }
        }
    }

    private static @Nullable String sameOriginPath(HttpExchange ex, String location) {
        try {
            URI uri = URI.create(location.trim());
            if (uri.isAbsolute() || uri.getRawAuthority() != null) {
                String host = ex.header("Host");
                if (host == null
                        || uri.getRawAuthority() == null
                        || !uri.getRawAuthority().equalsIgnoreCase(host)) {
                    return null;
                }
            }
            String path = uri.getRawPath();
            if (path == null || path.isEmpty()) {
                return null;
            }
            if (!path.startsWith("/")) {
                String base = ex.path();
                path = base.substring(0, base.lastIndexOf('/') + 1) + path;
            } else {
                String context = ex.contextPath();
                if (!context.isEmpty()) {
                    if (!path.startsWith(context + "/")) {
                        return null;
                    }
                    path = path.substring(context.length());
                }
            }
            return Keys.isAmbiguous(path) ? null : path;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Statistics

    private void event(int counter, CacheRoute route, String path) {
        counters.inc(counter);
        if (!listening) {
            return;
        }
        try {
            switch (counter) {
                case Counters.HITS -> listener.hit(route.pattern(), path);
                case Counters.MISSES -> listener.miss(route.pattern(), path);
                case Counters.STALE -> listener.staleServed(route.pattern(), path);
                case Counters.COLLAPSED -> listener.collapsed(route.pattern(), path);
                default -> {}
            }
        } catch (RuntimeException e) {
            LOG.warn("the response cache listener threw", e);
        }
    }

    private void refused(CacheRoute route, String path, StoreRefusal reason) {
        counters.refused(reason);
        if (listening) {
            try {
                listener.storeRefused(route.pattern(), path, reason);
            } catch (RuntimeException e) {
                LOG.warn("the response cache listener threw", e);
            }
        }
    }

    @Override
    public String toString() {
        return "Engine" + Objects.toString(config.routes());
    }
}
