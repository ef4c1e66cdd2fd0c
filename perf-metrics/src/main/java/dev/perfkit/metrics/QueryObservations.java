package dev.perfkit.metrics;

import dev.perfkit.db.SqlFingerprint;
import dev.perfkit.metrics.internal.FingerprintIds;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import java.util.Objects;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer {@link Observation}s around jOOQ statements: add {@link #executeListener} to the jOOQ
 * configuration and each execution becomes an observation {@code perfkit.db.statement} from
 * {@code executeStart} to {@code end} (fetching included), with the low-cardinality key values
 * {@code db.operation} ({@code select}, {@code insert}, {@code update}, {@code delete}, {@code other}) and
 * {@code outcome}, and the high-cardinality key value {@code perfkit.fingerprint}: the same 12-hex-digit id the
 * {@link QueryMetrics} timers carry (spans may carry it; metrics derived from observations do not). The SQL text
 * is never a key value. With micrometer-tracing and an OpenTelemetry bridge these are spans.
 *
 * {@snippet class=dev.perfkit.metrics.ObservationSnippets region=db}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class QueryObservations {
    /** The observation's name. */
    public static final String NAME = "perfkit.db.statement";

    private QueryObservations() {}

    /** Returns a jOOQ listener observing every statement in {@code registry}; one instance, safe to share. */
    public static ExecuteListener executeListener(ObservationRegistry registry) {
        return new Listener(Objects.requireNonNull(registry, "registry"));
    }

    static String operation(String sql) {
        String s = sql.stripLeading();
        int end = 0;
        while (end < s.length() && end < 10 && Character.isLetter(s.charAt(end))) {
            end++;
        }
        String word = s.substring(0, end).toLowerCase(Locale.ROOT);
        switch (word) {
            case "select":
            case "with":
                return "select";
            case "insert":
            case "update":
            case "delete":
                return word;
            default:
                return "other";
        }
    }

    private static final class Listener implements ExecuteListener {
        private static final long serialVersionUID = 1L;

        private final transient ObservationRegistry registry;
        /** This listener's key in the context's data. */
        private final transient Object key = new Object();

        Listener(ObservationRegistry registry) {
            this.registry = registry;
        }

        @Override
        public void executeStart(ExecuteContext ctx) {
            String sql = sqlOf(ctx);
            if (sql == null || registry.isNoop()) {
                return;
            }
            Observation observation = Observation.createNotStarted(NAME, registry)
                    .lowCardinalityKeyValue("db.operation", operation(sql))
                    .highCardinalityKeyValue("perfkit.fingerprint", FingerprintIds.of(SqlFingerprint.of(sql)))
                    .start();
            observation.contextualName("db " + operation(sql));
            ctx.data(key, observation);
        }

        @Override
        public void exception(ExecuteContext ctx) {
            Object o = ctx.data(key);
            RuntimeException e = ctx.exception();
            if (o instanceof Observation observation && e != null) {
                observation.lowCardinalityKeyValue("outcome", "failure");
                observation.error(e);
            }
        }

        @Override
        public void end(ExecuteContext ctx) {
            Object o = ctx.data(key);
            if (o instanceof Observation observation) {
                ctx.data().remove(key);
                if (ctx.exception() == null) {
                    observation.lowCardinalityKeyValue("outcome", "success");
                }
                observation.stop();
            }
        }

        private static @Nullable String sqlOf(ExecuteContext ctx) {
            String sql = ctx.sql();
            String[] batch = ctx.batchSQL();
            return sql != null ? sql : batch.length > 0 ? batch[0] : null;
        }
    }
}
