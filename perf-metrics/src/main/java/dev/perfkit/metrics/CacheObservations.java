package dev.perfkit.metrics;

import dev.perfkit.cache.Loader;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer {@link Observation}s around perf-cache loads: wrap a loader once and pass the wrapper to
 * {@code get}; each call of the loader (a miss or a refresh, never a hit) becomes an observation
 * {@code perfkit.cache.load} with the low-cardinality key values {@code cache} and {@code outcome}
 * ({@code success} or {@code failure}, the error attached). With micrometer-tracing and its OpenTelemetry bridge
 * on the application's classpath these are spans; perf-metrics itself has no tracing dependency. Keys never
 * become key values.
 *
 * {@snippet class=dev.perfkit.metrics.ObservationSnippets region=cache}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class CacheObservations {
    /** The observation's name. */
    public static final String NAME = "perfkit.cache.load";

    private CacheObservations() {}

    /**
     * Returns {@code loader} observed in {@code registry} under the cache name {@code cacheName}.
     *
     * @throws IllegalArgumentException if the name is blank or longer than 100 characters
     */
    public static <K, V> Loader<K, V> observed(ObservationRegistry registry, String cacheName, Loader<K, V> loader) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(loader, "loader");
        String name = Names.checked("cache name", cacheName);
        return key -> load(registry, name, loader, key);
    }

    @SuppressWarnings("try") // the scope makes the observation current while the loader runs; it is not read
    private static <K, V> @Nullable V load(ObservationRegistry registry, String name, Loader<K, V> loader, K key)
            throws Exception {
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName("cache load " + name)
                .lowCardinalityKeyValue("cache", name)
                .start();
        try (Observation.Scope scope = observation.openScope()) {
            V value = loader.load(key);
            observation.lowCardinalityKeyValue("outcome", "success");
            return value;
        } catch (Exception | Error e) {
            observation.lowCardinalityKeyValue("outcome", "failure");
            observation.error(e);
            throw e;
        } finally {
            observation.stop();
        }
    }
}
