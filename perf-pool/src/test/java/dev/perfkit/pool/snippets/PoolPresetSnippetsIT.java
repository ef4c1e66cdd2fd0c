package dev.perfkit.pool.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import dev.perfkit.pool.DatabaseKind;
import dev.perfkit.pool.PoolPreset;
import dev.perfkit.pool.Severity;
import dev.perfkit.pool.SizerState;
import dev.perfkit.testsupport.PostgresExtension;
import dev.perfkit.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs perf-pool's Javadoc and README examples against real PostgreSQL. */
class PoolPresetSnippetsIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private final PoolPresetSnippets snippets = new PoolPresetSnippets();

    @Test
    void basic() throws Exception {
        TestDatabase db = PG.database();
        assertThat(snippets.basic(db.jdbcUrl(), db.user(), db.password())).isEqualTo("perfkit-web-oltp");
    }

    @Test
    void sizeAndCheck() throws Exception {
        TestDatabase db = PG.database();
        assertThat(snippets.sizeAndCheck(db.jdbcUrl(), db.user(), db.password(), db.dataSource()))
                .noneMatch(f -> f.severity() == Severity.ERROR);
    }

    @Test
    void adaptive() {
        TestDatabase db = PG.database();
        HikariConfig config = PoolPreset.WEB_OLTP.config(DatabaseKind.POSTGRESQL, db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(4);
        SizerState state = snippets.adaptive(config, () -> {
            try (Connection c = db.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("SELECT 1");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(state.size()).isEqualTo(4);
        assertThat(state.reason()).isEqualTo("start at 4");
    }
}
