package dev.perfkit.pool.snippets;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfkit.pool.AcquisitionStats;
import dev.perfkit.pool.AdaptivePolicy;
import dev.perfkit.pool.AdaptivePoolSizer;
import dev.perfkit.pool.CheckContext;
import dev.perfkit.pool.ConfigChecks;
import dev.perfkit.pool.DatabaseKind;
import dev.perfkit.pool.DatabaseLimits;
import dev.perfkit.pool.Finding;
import dev.perfkit.pool.PoolPreset;
import dev.perfkit.pool.PoolSizing;
import dev.perfkit.pool.SizerState;
import dev.perfkit.pool.SizingInputs;
import dev.perfkit.pool.SizingResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * The usage examples of perf-pool's Javadoc and README, compiled here and run by {@link PoolPresetSnippetsIT}. Each
 * region is what a reader copies; the README holds the same text with its imports. In a package of their own, so
 * they use only public API and the README's imports are this file's.
 */
class PoolPresetSnippets {
    String basic(String jdbcUrl, String user, String password) throws SQLException {
        String name;
        // @start region="basic"
        HikariConfig config = PoolPreset.WEB_OLTP.config(DatabaseKind.POSTGRESQL, jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        try (HikariDataSource pool = new HikariDataSource(config); // named perfkit-web-oltp, in pg_stat_activity too
                Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT current_setting('application_name')")) {
            row.next();
            name = row.getString(1);
        }
        // @end
        return name;
    }

    List<Finding> sizeAndCheck(String jdbcUrl, String user, String password, DataSource admin) throws SQLException {
        List<Finding> findings;
        // @start region="sizeAndCheck"
        HikariConfig config = PoolPreset.WEB_OLTP.config(DatabaseKind.POSTGRESQL, jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        SizingResult size = PoolSizing.recommend(SizingInputs.builder()
                .databaseCores(8)
                .effectiveSpindles(1)
                .applicationInstances(3)
                .meanStatementTime(Duration.ofMillis(4))
                .targetThroughput(2_000)
                .databaseLimits(DatabaseLimits.read(admin), PoolPreset.WEB_OLTP.poolName())
                .build());
        config.setMaximumPoolSize(size.maximumPoolSize());
        System.out.println(size.explain());
        try (HikariDataSource pool = new HikariDataSource(config)) {
            findings = ConfigChecks.checkLive(
                    config,
                    pool, // the pool's own connections are told apart from other applications'
                    CheckContext.builder()
                            .requestDeadline(Duration.ofSeconds(2))
                            .applicationInstances(3)
                            .build());
            findings.forEach(System.out::println); // each with a severity by its measured effect, and a fix
        }
        // @end
        return findings;
    }

    SizerState adaptive(HikariConfig config, Runnable traffic) {
        SizerState state;
        // @start region="adaptive"
        AcquisitionStats stats = AcquisitionStats.wrapping(null); // or wrap Micrometer's factory
        config.setMetricsTrackerFactory(stats); // before the pool starts
        try (HikariDataSource pool = new HikariDataSource(config);
                AdaptivePoolSizer sizer =
                        AdaptivePoolSizer.start(pool, stats, AdaptivePolicy.between(2, 32), Duration.ofMillis(500))) {
            traffic.run(); // a size changed through JMX pauses the sizer until sizer.resume()
            state = sizer.state();
            System.out.println("pool size " + state.size() + " because " + state.reason());
        } // close() gives back the minimumIdle it changed
        // @end
        return state;
    }
}
