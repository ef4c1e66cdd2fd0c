package dev.perfkit.cache;

import dev.perfkit.cache.internal.CacheConfig;
import dev.perfkit.cache.internal.DefaultCacheAside;
import dev.perfkit.cache.spi.InvalidationBus;
import dev.perfkit.cache.spi.SecondLevelStore;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongBiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The entry point of perf-cache: {@code PerfCache.builder()} configures and builds a {@link CacheAside}.
 *
 * {@snippet class=dev.perfkit.cache.PerfCacheSnippets region=basic}
 *
 * <p>Every policy at once, as the README shows it:
 *
 * {@snippet class=dev.perfkit.cache.PerfCacheSnippets region=full}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class PerfCache {
    private static final Duration DEFAULT_SECOND_LEVEL_TIMEOUT = Duration.ofSeconds(1);

    private PerfCache() {}

    /**
     * Returns a new builder with no size bound, no expiry, no refresh and no negative caching.
     *
     * @param <K> the key type
     * @param <V> the value type
     */
    public static <K, V> Builder<K, V> builder() {
        return new Builder<>();
    }

    /**
     * Configures a {@link CacheAside}; obtained from {@link PerfCache#builder()}. Each setter checks its value at
     * once and {@link #build()} checks how the values combine.
     *
     * {@snippet class=dev.perfkit.cache.PerfCacheSnippets region=builder}
     *
     * @param <K> the key type
     * @param <V> the value type
     */
    public static final class Builder<K, V> {

        private String name = "cache-" + UUID.randomUUID();
        private long maximumSize;
        private long maximumWeight;
        private @Nullable ToLongBiFunction<? super K, ? super V> weigher;
        private long expireAfterWrite;
        private long expireAfterAccess;
        private double jitter;
        private @Nullable BiFunction<? super K, ? super V, @Nullable Duration> ttlFromValue;
        private long refreshAfter;
        private long staleIfError;
        private long negativeTtl;
        private @Nullable Function<? super K, String> namespaceOf;
        private @Nullable Function<? super K, ? extends Collection<String>> tagsOf;
        private Ticker ticker = Ticker.system();
        private Executor executor = ForkJoinPool.commonPool();
        private CacheEventListener listener = CacheEventListener.NONE;
        private @Nullable SecondLevelStore<K, V> secondLevel;
        private @Nullable InvalidationBus<K> bus;
        private long secondLevelTimeout = DEFAULT_SECOND_LEVEL_TIMEOUT.toNanos();
        private long loadTimeout;
        private boolean recordStats;

        private Builder() {}

        /**
         * Names this instance; used as the origin of bus messages. Defaults to a random id.
         *
         * @throws IllegalArgumentException if {@code name} is blank or longer than 200 characters
         */
        public Builder<K, V> name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || name.length() > 200) {
                throw new IllegalArgumentException(
                        "name must be 1 to 200 non-blank characters, but was '" + name + "'");
            }
            this.name = name;
            return this;
        }

        /**
         * Bounds the number of entries.
         *
         * @throws IllegalArgumentException if {@code size} is not positive, or a maximum weight is set
         */
        public Builder<K, V> maximumSize(long size) {
            requirePositive("maximumSize", size);
            if (maximumWeight > 0) {
                throw new IllegalArgumentException("maximumSize cannot be combined with maximumWeight");
            }
            this.maximumSize = size;
            return this;
        }

        /**
         * Bounds the total weight of entries, as computed by {@code weigher} (called for present values only).
         *
         * @throws IllegalArgumentException if {@code weight} is not positive, or a maximum size is set
         */
        public Builder<K, V> maximumWeight(long weight, ToLongBiFunction<? super K, ? super V> weigher) {
            requirePositive("maximumWeight", weight);
            Objects.requireNonNull(weigher, "weigher");
            if (maximumSize > 0) {
                throw new IllegalArgumentException("maximumWeight cannot be combined with maximumSize");
            }
            this.maximumWeight = weight;
            this.weigher = weigher;
            return this;
        }

        /**
         * Drops entries this long after they were loaded or put.
         *
         * @throws IllegalArgumentException if {@code ttl} is zero or negative
         */
        public Builder<K, V> expireAfterWrite(Duration ttl) {
            this.expireAfterWrite = positiveNanos("expireAfterWrite", ttl);
            return this;
        }

        /**
         * Drops entries not read for this long.
         *
         * @throws IllegalArgumentException if {@code idle} is zero or negative
         */
        public Builder<K, V> expireAfterAccess(Duration idle) {
            this.expireAfterAccess = positiveNanos("expireAfterAccess", idle);
            return this;
        }

        /**
         * Shortens each entry's time to live by up to this fraction, by an amount fixed per key (a hash of the key),
         * so a key keeps its deadline but keys loaded together do not expire together. Every read honours the
         * shortened deadline; with a size bound the memory of an entry nobody reads again is released by the size
         * bound or at the unshortened time to live.
         *
         * @throws IllegalArgumentException if {@code fraction} is outside [0, 1)
         */
        public Builder<K, V> jitter(double fraction) {
            if (!(fraction >= 0.0 && fraction < 1.0)) {
                throw new IllegalArgumentException("jitter must be in [0, 1), but was " + fraction);
            }
            this.jitter = fraction;
            return this;
        }

        /**
         * Computes each entry's time to live from its loaded value; a {@code null} result falls back to
         * {@link #expireAfterWrite}, a zero or negative one means "do not cache this value".
         */
        public Builder<K, V> ttlFromValue(BiFunction<? super K, ? super V, @Nullable Duration> ttl) {
            this.ttlFromValue = Objects.requireNonNull(ttl, "ttlFromValue");
            return this;
        }

        /**
         * After this age a read returns the current value at once and starts at most one background reload
         * (stale-while-revalidate). A reload in flight for longer than this age no longer blocks a new one.
         *
         * @throws IllegalArgumentException if {@code age} is zero or negative
         */
        public Builder<K, V> refreshAfter(Duration age) {
            this.refreshAfter = positiveNanos("refreshAfter", age);
            return this;
        }

        /**
         * How long after a background reload first failed the old value keeps being served; after it, a read loads
         * synchronously and the failure surfaces. Zero (the default) surfaces it at the next read.
         *
         * @throws IllegalArgumentException if {@code window} is negative
         */
        public Builder<K, V> staleIfError(Duration window) {
            Objects.requireNonNull(window, "staleIfError");
            if (window.isNegative()) {
                throw new IllegalArgumentException("staleIfError must be zero or positive, but was " + window);
            }
            this.staleIfError = saturatedNanos(window);
            return this;
        }

        /**
         * Caches "nothing found" (a loader returning {@code null} or an empty {@code Optional}) for this long.
         * Without it, such results are not cached. Every read honours it; with a size bound and a longer
         * {@code expireAfterWrite}, the slot of a negative entry nobody reads again is released by the size bound or
         * at expireAfterWrite.
         *
         * @throws IllegalArgumentException if {@code ttl} is zero or negative
         */
        public Builder<K, V> negativeTtl(Duration ttl) {
            this.negativeTtl = positiveNanos("negativeTtl", ttl);
            return this;
        }

        /** Maps each key to a namespace, so {@link CacheAside#invalidateNamespace} can drop it in O(1). */
        public Builder<K, V> namespaceOf(Function<? super K, String> namespaceOf) {
            this.namespaceOf = Objects.requireNonNull(namespaceOf, "namespaceOf");
            return this;
        }

        /**
         * Tags every loaded or put entry from its key (at most 32 tags of 1 to 256 characters each), so
         * {@link CacheAside#invalidateTag} can find it.
         */
        public Builder<K, V> tagsOf(Function<? super K, ? extends Collection<String>> tagsOf) {
            this.tagsOf = Objects.requireNonNull(tagsOf, "tagsOf");
            return this;
        }

        /**
         * Counts hits, stale hits and misses in {@link CacheAside#stats()}. Off by default, as in Caffeine, because
         * the counting is most of the cost of a hit; loads, refreshes, evictions and invalidations are always counted.
         */
        public Builder<K, V> recordStats() {
            this.recordStats = true;
            return this;
        }

        /** Sets the time source; defaults to {@link Ticker#system()}. */
        public Builder<K, V> ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Sets where async loads, reloads and maintenance run; defaults to the common fork-join pool. The maintenance
         * that storing a loaded value schedules (draining Caffeine's write buffer, evicting over the bound, eviction
         * notices to the listener) runs on the thread that stores it, which has just waited for the load.
         */
        public Builder<K, V> executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Sets the event listener; defaults to {@link CacheEventListener#NONE}. */
        public Builder<K, V> listener(CacheEventListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Adds a shared second-level store behind the local cache. */
        public Builder<K, V> secondLevel(SecondLevelStore<K, V> store) {
            this.secondLevel = Objects.requireNonNull(store, "secondLevel");
            return this;
        }

        /**
         * How long a read of the second level, and an invalidation's wait for it, may take before the cache treats the
         * store as unavailable (a read becomes a miss); defaults to 1 second.
         *
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder<K, V> secondLevelTimeout(Duration timeout) {
            this.secondLevelTimeout = positiveNanos("secondLevelTimeout", timeout);
            return this;
        }

        /**
         * How long callers wait for a load before they get a {@link CacheLoadException} caused by a
         * {@link java.util.concurrent.TimeoutException}; the key is then free for a new load, and the late result is
         * returned to the thread that ran the loader but never stored. Off by default; the thread running a loader is
         * never interrupted.
         *
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder<K, V> loadTimeout(Duration timeout) {
            this.loadTimeout = positiveNanos("loadTimeout", timeout);
            return this;
        }

        /** Sends invalidations to, and receives them from, the other instances of this cache. */
        public Builder<K, V> invalidationBus(InvalidationBus<K> bus) {
            this.bus = Objects.requireNonNull(bus, "invalidationBus");
            return this;
        }

        /**
         * Builds the cache.
         *
         * @throws IllegalArgumentException if refreshAfter is set without expireAfterWrite or is not shorter than it,
         *     or staleIfError is set without refreshAfter
         */
        public CacheAside<K, V> build() {
            if (refreshAfter > 0 && expireAfterWrite == 0) {
                throw new IllegalArgumentException(
                        "refreshAfter (" + Duration.ofNanos(refreshAfter)
                                + ") needs expireAfterWrite: a refreshed entry must also expire, so a key nobody reads is dropped");
            }
            if (refreshAfter > 0 && expireAfterWrite > 0 && refreshAfter >= expireAfterWrite) {
                throw new IllegalArgumentException("refreshAfter (" + Duration.ofNanos(refreshAfter)
                        + ") must be shorter than expireAfterWrite (" + Duration.ofNanos(expireAfterWrite) + ")");
            }
            if (staleIfError > 0 && refreshAfter == 0) {
                throw new IllegalArgumentException(
                        "staleIfError needs refreshAfter: it extends a failed background reload");
            }
            return new DefaultCacheAside<>(config());
        }

        private CacheConfig<K, V> config() {
            return CacheConfig.<K, V>builder()
                    .name(name)
                    .maximumSize(maximumSize)
                    .maximumWeight(maximumWeight)
                    .weigher(weigher)
                    .expireAfterWriteNanos(expireAfterWrite)
                    .expireAfterAccessNanos(expireAfterAccess)
                    .jitter(jitter)
                    .ttlFromValue(ttlFromValue)
                    .refreshAfterNanos(refreshAfter)
                    .staleIfErrorNanos(staleIfError)
                    .negativeTtlNanos(negativeTtl)
                    .namespaceOf(namespaceOf)
                    .tagsOf(tagsOf)
                    .ticker(ticker)
                    .executor(executor)
                    .listener(listener)
                    .secondLevel(secondLevel)
                    .bus(bus)
                    .secondLevelTimeoutNanos(secondLevelTimeout)
                    .loadTimeoutNanos(loadTimeout)
                    .recordStats(recordStats)
                    .build();
        }

        private static void requirePositive(String parameter, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(parameter + " must be positive, but was " + value);
            }
        }

        private static long positiveNanos(String parameter, Duration value) {
            Objects.requireNonNull(value, parameter);
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(parameter + " must be a positive duration, but was " + value);
            }
            return saturatedNanos(value);
        }

        private static long saturatedNanos(Duration value) {
            try {
                return value.toNanos();
            } catch (ArithmeticException tooLong) {
                return Long.MAX_VALUE;
            }
        }
    }
}
