package dev.perfkit.db.advisor;

import dev.perfkit.db.FingerprintStats;
import dev.perfkit.db.QueryStatsSnapshot;
import dev.perfkit.db.internal.BindMarkers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The statements the advisor optimises for, with their calls and time. Build one from any source and
 * {@link #plus(Workload) combine} them.
 *
 * <pre>{@code
 * Workload w = Workload.fromSqlFile(Path.of("queries.sql"))
 *     .plus(Workload.fromPgStatStatements(connection));
 * }</pre>
 */
public final class Workload {
    /** Largest SQL file read, so a wrong path cannot exhaust memory. */
    static final long MAX_FILE_BYTES = 16L << 20;
    /** Most statements taken from pg_stat_statements, by total time. */
    static final int MAX_STATEMENTS = 2000;

    private final List<WorkloadQuery> queries;

    private Workload(List<WorkloadQuery> queries) {
        this.queries = List.copyOf(queries);
    }

    /**
     * A workload of the given queries (for example perf-db fingerprint statistics mapped to queries).
     *
     * @param queries the queries, possibly empty
     * @return the workload
     * @throws NullPointerException if {@code queries} or an element is null
     */
    public static Workload of(Collection<WorkloadQuery> queries) {
        Objects.requireNonNull(queries, "queries");
        return new Workload(new ArrayList<>(queries));
    }

    /**
     * The statements perf-db's instrumentation saw, weighted by their calls and time. JDBC {@code ?} markers
     * in the sample SQL become {@code $n} parameters, so such statements are costed with a generic plan. The
     * folded {@link FingerprintStats#OTHER} bucket is not a statement and is left out.
     *
     * <pre>{@code
     * Workload w = Workload.fromFingerprints(instrumentation.stats().snapshot());
     * }</pre>
     *
     * @param snapshot statistics from {@code QueryInstrumentation.stats().snapshot()}
     * @return the workload
     * @throws NullPointerException if {@code snapshot} is null
     */
    public static Workload fromFingerprints(QueryStatsSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        List<WorkloadQuery> out = new ArrayList<>();
        for (FingerprintStats stats : snapshot.top()) {
            if (stats.calls() == 0 || FingerprintStats.OTHER.equals(stats.fingerprint())) {
                continue;
            }
            String sql = BindMarkers.toPositional(stats.sampleSql()).sql;
            out.add(new WorkloadQuery(sql, stats.calls(), stats.totalNanos() / 1_000_000.0));
        }
        return new Workload(out);
    }

    /**
     * The statements of a SQL script, separated by semicolons, each of unknown time and counted as one call,
     * or as N calls when a line comment {@code -- calls: N} comes right before it:
     *
     * <pre>{@code
     * -- calls: 500
     * SELECT * FROM orders WHERE user_id = $1 ORDER BY created_at DESC LIMIT 20;
     * SELECT count(*) FROM orders;   -- one call
     * }</pre>
     *
     * @param sql the script
     * @return the workload
     * @throws NullPointerException if {@code sql} is null
     * @throws IllegalArgumentException if a {@code -- calls:} comment does not give an integer in 1..10^12
     */
    public static Workload fromSql(String sql) {
        Objects.requireNonNull(sql, "sql");
        List<WorkloadQuery> out = new ArrayList<>();
        for (String statement : SqlScript.split(sql)) {
            out.add(new WorkloadQuery(statement, SqlScript.calls(statement), 0));
        }
        return new Workload(out);
    }

    /**
     * The statements of a SQL file (UTF-8, at most 16 MiB), as {@link #fromSql(String)}.
     *
     * @param file the file
     * @return the workload
     * @throws NullPointerException if {@code file} is null
     * @throws AdvisorException if the file cannot be read or is larger than 16 MiB
     * @throws IllegalArgumentException if a {@code -- calls:} comment does not give an integer in 1..10^12
     */
    public static Workload fromSqlFile(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new AdvisorException(
                        "queries file " + file + " is " + size + " bytes; at most " + MAX_FILE_BYTES + " are read",
                        null);
            }
            return fromSql(Files.readString(file));
        } catch (IOException e) {
            throw new AdvisorException("cannot read queries file " + file + ": " + e, e);
        }
    }

    /**
     * The statements recorded by {@code pg_stat_statements} for the connection's database (calls and total
     * execution time; the 2000 with the most total time). Utility statements are left out.
     *
     * @param connection a connection to the database
     * @return the workload
     * @throws NullPointerException if {@code connection} is null
     * @throws AdvisorException if the view cannot be read (extension not created or not preloaded)
     */
    public static Workload fromPgStatStatements(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        String sql = "SELECT query, calls, total_exec_time FROM pg_stat_statements s"
                + " JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = current_database() AND s.calls > 0"
                + " AND s.query ~* '^\\s*(select|with|update|delete)\\M'"
                + " AND s.query !~* '(pg_catalog|pg_stat_statements|hypopg|information_schema)'"
                + " ORDER BY total_exec_time DESC LIMIT " + MAX_STATEMENTS;
        List<WorkloadQuery> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new WorkloadQuery(rs.getString(1), rs.getLong(2), Math.max(0, rs.getDouble(3))));
            }
        } catch (SQLException e) {
            throw new AdvisorException(
                    "cannot read pg_stat_statements (is the extension created and in " + "shared_preload_libraries?): "
                            + e.getMessage(),
                    e);
        }
        return new Workload(out);
    }

    /**
     * This workload followed by another's queries.
     *
     * @param other the other workload
     * @return a new workload
     * @throws NullPointerException if {@code other} is null
     */
    public Workload plus(Workload other) {
        Objects.requireNonNull(other, "other");
        List<WorkloadQuery> all = new ArrayList<>(queries);
        all.addAll(other.queries);
        return new Workload(all);
    }

    /**
     * The queries.
     *
     * @return an immutable list
     */
    public List<WorkloadQuery> queries() {
        return queries;
    }
}
