package dev.perfkit.metrics;

import com.zaxxer.hikari.HikariDataSource;
import dev.perfkit.pool.AdaptivePoolSizer;
import dev.perfkit.pool.SizerState;
import dev.perfkit.pool.SizingResult;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Binds perf-pool's sizing to Micrometer, beside HikariCP's own {@code hikaricp.connections.*} meters and with the
 * same {@code pool} tag (the pool's name), so one dashboard row shows both:
 *
 * <ul>
 *   <li>{@code perfkit.pool.size.target}: the maximumPoolSize the {@link AdaptivePoolSizer} holds now;
 *   <li>{@code perfkit.pool.resizes{direction=up|down}}: the sizer's resize events;
 *   <li>{@code perfkit.pool.sizer.paused}: 1 while an outside change of maximumPoolSize pauses the sizer;
 *   <li>{@code perfkit.pool.size.recommended}: the size {@code PoolSizing} recommended, when given.
 * </ul>
 *
 * <p>Resizes are counted from the sizer's state as each publication reads it; the sizer changes the size at most
 * once per decision window (seconds), far less often than a registry publishes, so none is missed in practice, but
 * two changes between two reads count as one.
 *
 * {@snippet class=dev.perfkit.metrics.MetricsSnippets region=pool}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class PoolMetrics implements MeterBinder {
    private final String pool;
    private final AdaptivePoolSizer sizer;
    private final @Nullable SizingResult recommended;

    private PoolMetrics(String pool, AdaptivePoolSizer sizer, @Nullable SizingResult recommended) {
        this.pool = pool;
        this.sizer = sizer;
        this.recommended = recommended;
    }

    /**
     * A binder for {@code sizer}, tagged with {@code dataSource}'s pool name.
     *
     * @throws NullPointerException if an argument is null or the pool has no name
     */
    public static PoolMetrics of(HikariDataSource dataSource, AdaptivePoolSizer sizer) {
        String name = Objects.requireNonNull(dataSource, "dataSource").getPoolName();
        return new PoolMetrics(Names.checked("pool name", name), Objects.requireNonNull(sizer, "sizer"), null);
    }

    /** Returns a binder that also publishes {@code result}'s size as {@code perfkit.pool.size.recommended}. */
    public PoolMetrics withRecommendation(SizingResult result) {
        return new PoolMetrics(pool, sizer, Objects.requireNonNull(result, "result"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Resizes resizes = new Resizes(sizer);
        Gauge.builder("perfkit.pool.size.target", sizer, s -> s.state().size())
                .description("The maximumPoolSize the adaptive sizer holds")
                .tag("pool", pool)
                .register(registry);
        FunctionCounter.builder("perfkit.pool.resizes", resizes, Resizes::up)
                .description("Resizes decided by the adaptive sizer")
                .tags("pool", pool, "direction", "up")
                .register(registry);
        FunctionCounter.builder("perfkit.pool.resizes", resizes, Resizes::down)
                .description("Resizes decided by the adaptive sizer")
                .tags("pool", pool, "direction", "down")
                .register(registry);
        Gauge.builder(
                        "perfkit.pool.sizer.paused",
                        sizer,
                        s -> s.state().reason().startsWith("paused") ? 1 : 0)
                .description("1 while the sizer is paused by an outside change of maximumPoolSize")
                .tag("pool", pool)
                .register(registry);
        SizingResult r = recommended;
        if (r != null) {
            Gauge.builder("perfkit.pool.size.recommended", r, SizingResult::maximumPoolSize)
                    .description("The pool size PoolSizing recommended")
                    .tag("pool", pool)
                    .register(registry);
        }
    }

    /** Counts size changes between successive reads of the sizer's state. */
    private static final class Resizes {
        private final AdaptivePoolSizer sizer;
        private SizerState last;
        private long up;
        private long down;

        Resizes(AdaptivePoolSizer sizer) {
            this.sizer = sizer;
            this.last = sizer.state();
        }

        synchronized long up() {
            observe();
            return up;
        }

        synchronized long down() {
            observe();
            return down;
        }

        private void observe() {
            SizerState now = sizer.state();
            if (now != last) {
                if (now.size() > last.size()) {
                    up++;
                } else if (now.size() < last.size()) {
                    down++;
                }
                last = now;
            }
        }
    }
}
