package dev.perfkit.cache.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * One loaded value to write back with {@link SecondLevelStore#putAllIfVersion}: what {@link
 * SecondLevelStore#putIfVersion} takes for a single key, the key aside.
 *
 * <pre>{@code
 * FencedWrite<User> write = FencedWrite.of(user, Duration.ofMinutes(5), EntryScope.none(), read.version());
 * }</pre>
 *
 * @param <V> the value type
 */
public final class FencedWrite<V> {
    private final V value;
    private final Duration ttl;
    private final EntryScope scope;
    private final long version;

    private FencedWrite(V value, Duration ttl, EntryScope scope, long version) {
        this.value = value;
        this.ttl = ttl;
        this.scope = scope;
        this.version = version;
    }

    /**
     * Returns a write-back.
     *
     * @param ttl how long the store should keep the value, positive
     * @param version the fence version {@link SecondLevelStore#read} returned before the value was loaded
     * @throws NullPointerException if {@code value}, {@code ttl} or {@code scope} is null
     * @throws IllegalArgumentException if {@code ttl} is not positive
     */
    public static <V> FencedWrite<V> of(V value, Duration ttl, EntryScope scope, long version) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(scope, "scope");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a write-back's ttl must be positive, but was " + ttl);
        }
        return new FencedWrite<>(value, ttl, scope, version);
    }

    /** Returns the loaded value. */
    public V value() {
        return value;
    }

    /** Returns how long the store should keep it, positive. */
    public Duration ttl() {
        return ttl;
    }

    /** Returns the scope the value is stored with. */
    public EntryScope scope() {
        return scope;
    }

    /** Returns the fence version read before the load. */
    public long version() {
        return version;
    }

    @Override
    public String toString() {
        return "FencedWrite[ttl=" + ttl + ", scope=" + scope + ", version=" + version + "]";
    }
}
