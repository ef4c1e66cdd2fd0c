package dev.perfkit.pool;

import com.zaxxer.hikari.HikariConfig;
import dev.perfkit.testsupport.TestDatabase;

/** Test helper: a preset pointed at a test database. */
final class Pools {
    private Pools() {}

    static HikariConfig preset(PoolPreset preset, TestDatabase db) {
        HikariConfig config = preset.config(DatabaseKind.POSTGRESQL, db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        return config;
    }
}
