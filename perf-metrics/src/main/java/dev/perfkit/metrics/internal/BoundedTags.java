package dev.perfkit.metrics.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admits at most {@code limit} distinct values of one tag; every later value becomes {@link #OTHER}, and each
 * distinct value turned away is counted once on {@code perfkit.metrics.tag.values.folded{meter}}. Memory is
 * bounded: admitted values are kept, refused ones are remembered only up to {@value #REFUSED_MEMORY} entries
 * (past that a refused value may be counted again, which overstates the fold, never the meters).
 */
public final class BoundedTags {
    /** The tag value that stands for every value past the limit. */
    public static final String OTHER = "other";

    /** How many refused values are remembered, so each is counted once. */
    public static final int REFUSED_MEMORY = 10_000;

    private final int limit;
    private final ConcurrentHashMap<String, Boolean> admitted = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Boolean> refused = new ConcurrentHashMap<>();
    private final Counter folded;

    /**
     * Values of one tag of {@code meter}.
     *
     * @throws IllegalArgumentException if {@code limit} is not 1 to 10000
     */
    public BoundedTags(MeterRegistry registry, String meter, int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("tag value limit must be 1 to 10000, but was " + limit);
        }
        this.limit = limit;
        this.folded = Counter.builder("perfkit.metrics.tag.values.folded")
                .description("Distinct tag values folded into 'other' because the meter reached its limit")
                .tag("meter", meter)
                .register(registry);
    }

    /** Returns {@code value} if it is admitted (or can still be), else {@link #OTHER}. */
    public String of(String value) {
        Objects.requireNonNull(value, "value");
        if (admitted.containsKey(value)) {
            return value;
        }
        if (refused.containsKey(value)) {
            return OTHER;
        }
        synchronized (this) {
            if (admitted.containsKey(value)) {
                return value;
            }
            if (admitted.size() < limit) {
                admitted.put(value, Boolean.TRUE);
                return value;
            }
            // Checked again under the lock: two threads refusing the same new value count it once.
            if (refused.containsKey(value)) {
                return OTHER;
            }
            if (refused.size() < REFUSED_MEMORY) {
                refused.put(value, Boolean.TRUE);
            }
            folded.increment();
            return OTHER;
        }
    }

    /** Returns whether {@code value} has a tag of its own. */
    public boolean isAdmitted(String value) {
        return admitted.containsKey(value);
    }

    /** Returns the most values with a tag of their own. */
    public int limit() {
        return limit;
    }

    /** Returns the number of values with a tag of their own. */
    public int size() {
        return admitted.size();
    }
}
