package dev.perfkit.db.snippets;

import dev.perfkit.db.FingerprintStats;
import dev.perfkit.db.NPlusOneEvent;
import dev.perfkit.db.QueryInstrumentation;
import dev.perfkit.db.QueryScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/**
 * The usage examples of {@link QueryInstrumentation}'s Javadoc and README, compiled in a package of their
 * own so they use public API only and their imports are the README's; run on PostgreSQL by
 * QueryInstrumentationSnippetsIT. Each method returns what the example computed so the test can check it.
 */
final class QueryInstrumentationSnippets {
    private QueryInstrumentationSnippets() {}

    static List<FingerprintStats> basic(DataSource dataSource) {
        // @start region="basic"
        QueryInstrumentation instrumentation = QueryInstrumentation.builder()
                .slowThreshold(Duration.ofMillis(200)) // slower statements are logged with their call site
                .explainWith(dataSource) // and their plans captured off-thread
                .build();
        DSLContext dsl = DSL.using(new DefaultConfiguration()
                .set(dataSource)
                .set(SQLDialect.POSTGRES)
                .set(instrumentation.executeListener()));
        for (long id = 1; id <= 3; id++) {
            dsl.fetch("select note from orders where id = ?", id);
        }
        List<FingerprintStats> top = instrumentation.stats().snapshot().top();
        // top.get(0).fingerprint() is "select note from orders where id = ?", calls() is 3
        instrumentation.close(); // stops the plan-capture thread
        // @end
        return top;
    }

    static List<FingerprintStats> jdbc(DataSource dataSource) throws SQLException {
        QueryInstrumentation instrumentation = QueryInstrumentation.builder().build();
        // @start region="jdbc"
        DataSource recorded = instrumentation.wrap(dataSource); // for code that does not use jOOQ
        try (Connection c = recorded.getConnection();
                PreparedStatement ps = c.prepareStatement("select note from orders where id = ?")) {
            ps.setLong(1, 42);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    System.out.println(rs.getString(1)); // rows read are counted
                }
            }
        }
        // @end
        return instrumentation.stats().snapshot().top();
    }

    static List<NPlusOneEvent> scope(DSLContext dsl) {
        // @start region="scope"
        List<NPlusOneEvent> events;
        try (QueryScope scope = QueryScope.open(10)) { // one unit of work; QueryScopeFilter does it per request
            for (long id = 1; id <= 20; id++) {
                dsl.fetch("select note from orders where id = ?", id); // a query in a loop
            }
            events = scope.nPlusOneEvents(); // one event: the statement ran 20 times, with the loop's line
        } // closing the scope logs the event and passes it to the QueryEventListener
        // @end
        return events;
    }
}
