package dev.perfkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.cache.CacheAside;
import dev.perfkit.cache.CacheLoadException;
import dev.perfkit.cache.Loader;
import dev.perfkit.cache.PerfCache;
import dev.perfkit.db.SqlFingerprint;
import dev.perfkit.metrics.internal.FingerprintIds;
import dev.perfkit.testsupport.PostgresExtension;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Observations around real cache loads and real statements on PostgreSQL through jOOQ. */
class ObservationsIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
    private final ObservationRegistry registry = ObservationRegistry.create();

    ObservationsIT() {
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }
        });
    }

    private static Map<String, String> low(Observation.Context c) {
        return c.getLowCardinalityKeyValues().stream().collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
    }

    @Test
    void cacheLoadsAreObservedButHitsAreNot() {
        try (CacheAside<Long, String> users = PerfCache.<Long, String>builder().build()) {
            assertThat(new ObservationSnippets().cache(registry, users)).isEqualTo("user 42");
            users.get(42L, CacheObservations.observed(registry, "users", id -> "never"));
            Loader<Long, String> failing = CacheObservations.observed(registry, "users", id -> {
                throw new IllegalStateException("db down");
            });
            assertThatThrownBy(() -> users.get(7L, failing)).isInstanceOf(CacheLoadException.class);
        }
        assertThat(stopped).hasSize(2);
        assertThat(stopped.get(0).getName()).isEqualTo("perfkit.cache.load");
        assertThat(low(stopped.get(0))).isEqualTo(Map.of("cache", "users", "outcome", "success"));
        assertThat(low(stopped.get(1))).isEqualTo(Map.of("cache", "users", "outcome", "failure"));
        assertThat(stopped.get(1).getError()).hasMessage("db down");
        assertThat(stopped)
                .allMatch(c -> c.getAllKeyValues().stream()
                        .noneMatch(kv -> kv.getValue().contains("42")));
    }

    @Test
    void statementsAreObservedWithTheirOperationAndFingerprintIdNotTheirSql() {
        PG.database().execute("create table if not exists items (id int primary key, name text)");
        DSLContext dsl = new ObservationSnippets().db(registry, PG.database().dataSource());
        dsl.execute("insert into items values (1, 'secret-name')");
        dsl.fetch("select name from items where id = ?", 1);
        assertThatThrownBy(() -> dsl.fetch("select nope from items")).isInstanceOf(RuntimeException.class);

        assertThat(stopped).hasSize(3);
        assertThat(stopped).allMatch(c -> c.getName().equals("perfkit.db.statement"));
        assertThat(low(stopped.get(0))).isEqualTo(Map.of("db.operation", "insert", "outcome", "success"));
        assertThat(low(stopped.get(1))).isEqualTo(Map.of("db.operation", "select", "outcome", "success"));
        assertThat(low(stopped.get(2))).isEqualTo(Map.of("db.operation", "select", "outcome", "failure"));
        assertThat(stopped.get(2).getError()).isNotNull();
        String id =
                stopped.get(1).getHighCardinalityKeyValue("perfkit.fingerprint").getValue();
        assertThat(id).isEqualTo(FingerprintIds.of(SqlFingerprint.of("select name from items where id = ?")));
        assertThat(stopped)
                .allMatch(c -> c.getAllKeyValues().stream()
                        .noneMatch(kv ->
                                kv.getValue().contains("items") || kv.getValue().contains("secret")));
    }
}
