package dev.perfkit.metrics;

import dev.perfkit.cache.CacheAside;
import dev.perfkit.cache.Loader;
import io.micrometer.observation.ObservationRegistry;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/** The usage examples of the observation helpers, run by {@link ObservationsIT}. */
class ObservationSnippets {
    record User(long id, String name) {}

    @SuppressWarnings("UnusedVariable")
    String cache(ObservationRegistry observations, CacheAside<Long, String> users) {
        // @start region="cache"
        Loader<Long, String> load = CacheObservations.observed(observations, "users", id -> "user " + id);
        String name = users.get(42L, load); // a miss: one perfkit.cache.load observation (a span with tracing)
        // @end
        return name;
    }

    DSLContext db(ObservationRegistry observations, DataSource dataSource) {
        // @start region="db"
        DSLContext dsl = DSL.using(new DefaultConfiguration()
                .set(dataSource)
                .set(SQLDialect.POSTGRES)
                .set(QueryObservations.executeListener(observations))); // perfkit.db.statement per execution
        // @end
        return dsl;
    }
}
