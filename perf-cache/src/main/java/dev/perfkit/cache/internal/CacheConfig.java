package dev.perfkit.cache.internal;

import dev.perfkit.cache.CacheEventListener;
import dev.perfkit.cache.Ticker;
import dev.perfkit.cache.spi.InvalidationBus;
import dev.perfkit.cache.spi.SecondLevelStore;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongBiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The validated settings of one cache, handed from the public builder to the implementation. A final class with a
 * builder rather than a record, so settings can be added without touching every construction.
 *
 * <p>Durations are in nanoseconds; {@code 0} means "not set" for optional policies. Values are checked by
 * {@link dev.perfkit.cache.PerfCache.Builder}, which is the only caller of {@link #builder()}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class CacheConfig<K, V> {
    private final String name;
    private final long maximumSize;
    private final long maximumWeight;
    private final @Nullable ToLongBiFunction<? super K, ? super V> weigher;
    private final long expireAfterWriteNanos;
    private final long expireAfterAccessNanos;
    private final double jitter;
    private final @Nullable BiFunction<? super K, ? super V, @Nullable Duration> ttlFromValue;
    private final long refreshAfterNanos;
    private final long staleIfErrorNanos;
    private final long negativeTtlNanos;
    private final @Nullable Function<? super K, String> namespaceOf;
    private final @Nullable Function<? super K, ? extends Collection<String>> tagsOf;
    private final @Nullable Function<? super V, ? extends Collection<String>> tagsOfValue;
    private final Ticker ticker;
    private final Executor executor;
    private final CacheEventListener listener;
    private final @Nullable SecondLevelStore<K, V> secondLevel;
    private final @Nullable InvalidationBus<K> bus;
    private final long secondLevelTimeoutNanos;
    private final long loadTimeoutNanos;
    private final boolean recordStats;

    private CacheConfig(Builder<K, V> b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.maximumSize = b.maximumSize;
        this.maximumWeight = b.maximumWeight;
        this.weigher = b.weigher;
        this.expireAfterWriteNanos = b.expireAfterWriteNanos;
        this.expireAfterAccessNanos = b.expireAfterAccessNanos;
        this.jitter = b.jitter;
        this.ttlFromValue = b.ttlFromValue;
        this.refreshAfterNanos = b.refreshAfterNanos;
        this.staleIfErrorNanos = b.staleIfErrorNanos;
        this.negativeTtlNanos = b.negativeTtlNanos;
        this.namespaceOf = b.namespaceOf;
        this.tagsOf = b.tagsOf;
        this.tagsOfValue = b.tagsOfValue;
        this.ticker = Objects.requireNonNull(b.ticker, "ticker");
        this.executor = Objects.requireNonNull(b.executor, "executor");
        this.listener = Objects.requireNonNull(b.listener, "listener");
        this.secondLevel = b.secondLevel;
        this.bus = b.bus;
        this.secondLevelTimeoutNanos = b.secondLevelTimeoutNanos;
        this.loadTimeoutNanos = b.loadTimeoutNanos;
        this.recordStats = b.recordStats;
    }

    /**
     * Returns an empty builder.
     *
     * @param <K> the key type
     * @param <V> the value type
     */
    public static <K, V> Builder<K, V> builder() {
        return new Builder<>();
    }

    public String name() {
        return name;
    }

    public long maximumSize() {
        return maximumSize;
    }

    public long maximumWeight() {
        return maximumWeight;
    }

    public @Nullable ToLongBiFunction<? super K, ? super V> weigher() {
        return weigher;
    }

    public long expireAfterWriteNanos() {
        return expireAfterWriteNanos;
    }

    public long expireAfterAccessNanos() {
        return expireAfterAccessNanos;
    }

    public double jitter() {
        return jitter;
    }

    public @Nullable BiFunction<? super K, ? super V, @Nullable Duration> ttlFromValue() {
        return ttlFromValue;
    }

    public long refreshAfterNanos() {
        return refreshAfterNanos;
    }

    public long staleIfErrorNanos() {
        return staleIfErrorNanos;
    }

    public long negativeTtlNanos() {
        return negativeTtlNanos;
    }

    public @Nullable Function<? super K, String> namespaceOf() {
        return namespaceOf;
    }

    public @Nullable Function<? super K, ? extends Collection<String>> tagsOf() {
        return tagsOf;
    }

    /**
     * Tags a loaded value carries on top of its key's, known only once it is loaded (perf-cache's HTTP response cache
     * learns a response's tags from the handler). A load with such tags is refused when any tag invalidation began
     * while it ran, since none could reach it by tag.
     */
    public @Nullable Function<? super V, ? extends Collection<String>> tagsOfValue() {
        return tagsOfValue;
    }

    public Ticker ticker() {
        return ticker;
    }

    public Executor executor() {
        return executor;
    }

    public CacheEventListener listener() {
        return listener;
    }

    public @Nullable SecondLevelStore<K, V> secondLevel() {
        return secondLevel;
    }

    public @Nullable InvalidationBus<K> bus() {
        return bus;
    }

    public long secondLevelTimeoutNanos() {
        return secondLevelTimeoutNanos;
    }

    public long loadTimeoutNanos() {
        return loadTimeoutNanos;
    }

    public boolean recordStats() {
        return recordStats;
    }

    /**
     * Whether Caffeine's own fixed expire-after-write timer, set to expireAfterWrite, can bound every entry: no entry
     * lives longer than that from its store (jitter only shortens a time to live; a negative one may not be longer)
     * and none is aged by reads (no idle expiry) or by its value. Entries that expire earlier (jitter, negative
     * caching) are judged by their own time to live on every read and dropped when a read finds them expired; until
     * then they hold their slot, so a negative time to live shorter than expireAfterWrite takes this path only with a
     * size or weight bound (else absent keys, which callers choose, could pile up for the whole write TTL). The fixed
     * timer costs a hit less than a per-entry {@code Expiry}: Caffeine reschedules such an entry in its timer wheel on
     * every read.
     */
    boolean fixedExpiry() {
        boolean bounded = maximumSize > 0 || maximumWeight > 0;
        return expireAfterWriteNanos > 0
                && expireAfterAccessNanos == 0
                && ttlFromValue == null
                && (negativeTtlNanos == 0
                        || negativeTtlNanos == expireAfterWriteNanos
                        || (bounded && negativeTtlNanos < expireAfterWriteNanos));
    }

    /** Whether Caffeine needs an expiry at all; without it the hit path skips every clock read. */
    boolean needsExpiry() {
        return expireAfterWriteNanos > 0 || expireAfterAccessNanos > 0 || ttlFromValue != null || negativeTtlNanos > 0;
    }

    /**
     * Collects the settings; each setter stores its (already validated) value.
     *
     * @param <K> the key type
     * @param <V> the value type
     */
    public static final class Builder<K, V> {
        private @Nullable String name;
        private long maximumSize;
        private long maximumWeight;
        private @Nullable ToLongBiFunction<? super K, ? super V> weigher;
        private long expireAfterWriteNanos;
        private long expireAfterAccessNanos;
        private double jitter;
        private @Nullable BiFunction<? super K, ? super V, @Nullable Duration> ttlFromValue;
        private long refreshAfterNanos;
        private long staleIfErrorNanos;
        private long negativeTtlNanos;
        private @Nullable Function<? super K, String> namespaceOf;
        private @Nullable Function<? super K, ? extends Collection<String>> tagsOf;
        private @Nullable Function<? super V, ? extends Collection<String>> tagsOfValue;
        private @Nullable Ticker ticker;
        private @Nullable Executor executor;
        private @Nullable CacheEventListener listener;
        private @Nullable SecondLevelStore<K, V> secondLevel;
        private @Nullable InvalidationBus<K> bus;
        private long secondLevelTimeoutNanos;
        private long loadTimeoutNanos;
        private boolean recordStats;

        private Builder() {}

        public Builder<K, V> name(String value) {
            this.name = value;
            return this;
        }

        public Builder<K, V> maximumSize(long value) {
            this.maximumSize = value;
            return this;
        }

        public Builder<K, V> maximumWeight(long value) {
            this.maximumWeight = value;
            return this;
        }

        public Builder<K, V> weigher(@Nullable ToLongBiFunction<? super K, ? super V> value) {
            this.weigher = value;
            return this;
        }

        public Builder<K, V> expireAfterWriteNanos(long value) {
            this.expireAfterWriteNanos = value;
            return this;
        }

        public Builder<K, V> expireAfterAccessNanos(long value) {
            this.expireAfterAccessNanos = value;
            return this;
        }

        public Builder<K, V> jitter(double value) {
            this.jitter = value;
            return this;
        }

        public Builder<K, V> ttlFromValue(@Nullable BiFunction<? super K, ? super V, @Nullable Duration> value) {
            this.ttlFromValue = value;
            return this;
        }

        public Builder<K, V> refreshAfterNanos(long value) {
            this.refreshAfterNanos = value;
            return this;
        }

        public Builder<K, V> staleIfErrorNanos(long value) {
            this.staleIfErrorNanos = value;
            return this;
        }

        public Builder<K, V> negativeTtlNanos(long value) {
            this.negativeTtlNanos = value;
            return this;
        }

        public Builder<K, V> namespaceOf(@Nullable Function<? super K, String> value) {
            this.namespaceOf = value;
            return this;
        }

        public Builder<K, V> tagsOf(@Nullable Function<? super K, ? extends Collection<String>> value) {
            this.tagsOf = value;
            return this;
        }

        public Builder<K, V> tagsOfValue(@Nullable Function<? super V, ? extends Collection<String>> value) {
            this.tagsOfValue = value;
            return this;
        }

        public Builder<K, V> ticker(Ticker value) {
            this.ticker = value;
            return this;
        }

        public Builder<K, V> executor(Executor value) {
            this.executor = value;
            return this;
        }

        public Builder<K, V> listener(CacheEventListener value) {
            this.listener = value;
            return this;
        }

        public Builder<K, V> secondLevel(@Nullable SecondLevelStore<K, V> value) {
            this.secondLevel = value;
            return this;
        }

        public Builder<K, V> bus(@Nullable InvalidationBus<K> value) {
            this.bus = value;
            return this;
        }

        public Builder<K, V> secondLevelTimeoutNanos(long value) {
            this.secondLevelTimeoutNanos = value;
            return this;
        }

        public Builder<K, V> loadTimeoutNanos(long value) {
            this.loadTimeoutNanos = value;
            return this;
        }

        public Builder<K, V> recordStats(boolean value) {
            this.recordStats = value;
            return this;
        }

        /**
         * Returns the settings.
         *
         * @throws NullPointerException if a required setting is missing
         */
        public CacheConfig<K, V> build() {
            return new CacheConfig<>(this);
        }
    }
}
