package dev.perfkit.pool;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JDBC driver properties of each {@link PoolPreset}, per driver. Only values that differ from the driver's
 * default are set (pgjdbc 42.7, Connector/J 8 and 9, MariaDB Connector/J 3.5): a property that repeats a default
 * changes nothing and hides which settings matter.
 */
final class DriverProperties {
    private DriverProperties() {}

    static Map<String, String> of(PoolPreset preset, DatabaseKind kind) {
        Map<String, String> p = new LinkedHashMap<>();
        switch (kind) {
            case POSTGRESQL -> postgres(preset, p);
            case MYSQL -> mysql(preset, p);
            case MARIADB -> mariadb(preset, p);
        }
        return Map.copyOf(p);
    }

    private static void postgres(PoolPreset preset, Map<String, String> p) {
        p.put("tcpKeepAlive", "true");
        p.put("ApplicationName", preset.poolName());
        switch (preset) {
            case WEB_OLTP, READ_REPLICA -> {
                p.put("socketTimeout", "30");
                if (preset == PoolPreset.READ_REPLICA) {
                    p.put("readOnlyMode", "always");
                }
            }
            case BATCH_REPORTING -> {
                p.put("reWriteBatchedInserts", "true");
                p.put("defaultRowFetchSize", "1000");
            }
            case LATENCY_CRITICAL -> {
                p.put("prepareThreshold", "1");
                p.put("preparedStatementCacheQueries", "512");
                p.put("socketTimeout", "5");
                p.put("options", "-c statement_timeout=1000");
            }
            case SHORT_LIVED -> {
                p.put("connectTimeout", "5");
                p.put("socketTimeout", "30");
            }
            case PGBOUNCER_TRANSACTION -> {
                p.put("prepareThreshold", "0");
                p.put("preparedStatementCacheQueries", "0");
                p.put("socketTimeout", "30");
            }
        }
    }

    private static void mysql(PoolPreset preset, Map<String, String> p) {
        p.put("cacheServerConfiguration", "true");
        p.put("elideSetAutoCommits", "true");
        p.put("maintainTimeStats", "false");
        switch (preset) {
            case WEB_OLTP, READ_REPLICA, LATENCY_CRITICAL -> {
                p.put("cachePrepStmts", "true");
                p.put("prepStmtCacheSize", "250");
                p.put("prepStmtCacheSqlLimit", "2048");
                p.put("useServerPrepStmts", "true");
                p.put("useLocalSessionState", "true");
                p.put("cacheResultSetMetadata", "true");
            }
            case BATCH_REPORTING -> {
                p.put("rewriteBatchedStatements", "true");
                p.put("useCursorFetch", "true");
                p.put("defaultFetchSize", "1000");
            }
            case SHORT_LIVED -> p.put("connectTimeout", "5000");
            case PGBOUNCER_TRANSACTION -> {
                // Connector/J prepares on the client and keeps no session state by default: nothing to change.
            }
        }
    }

    private static void mariadb(PoolPreset preset, Map<String, String> p) {
        // tcpKeepAlive, cachePrepStmts and prepStmtCacheSize=250 are MariaDB Connector/J 3.x defaults already.
        switch (preset) {
            case WEB_OLTP, READ_REPLICA, LATENCY_CRITICAL -> p.put("useServerPrepStmts", "true");
            // UPDATE and DELETE batches through the bulk protocol: their update counts become SUCCESS_NO_INFO.
            case BATCH_REPORTING -> p.put("useBulkStmts", "true");
            case SHORT_LIVED -> p.put("connectTimeout", "5000");
            case PGBOUNCER_TRANSACTION -> {
                // The driver prepares on the client by default (useServerPrepStmts=false): nothing to change.
            }
        }
    }
}
