package dev.perfkit.cache;

/**
 * A source of nanosecond time for expiry, refresh and stale-if-error decisions, so tests can control time.
 *
 * <p>Modelled on Caffeine's {@code Ticker}: only differences between two reads matter.
 *
 * <pre>{@code
 * AtomicLong now = new AtomicLong();
 * CacheAside<String, String> cache = PerfCache.<String, String>builder().ticker(now::get).build();
 * }</pre>
 */
@FunctionalInterface
public interface Ticker {
    /** Returns the current time in nanoseconds from an arbitrary, fixed origin. */
    long read();

    /** Returns the ticker backed by {@link System#nanoTime()}. */
    static Ticker system() {
        return System::nanoTime;
    }
}
