package dev.perfkit.db.advisor.cli;

import dev.perfkit.db.advisor.AdvisorException;
import dev.perfkit.db.advisor.AdvisorReport;
import dev.perfkit.db.advisor.IndexAdvisor;
import dev.perfkit.db.advisor.WhatIfMode;
import dev.perfkit.db.advisor.Workload;
import java.io.PrintStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The {@code perf-db-cli.jar} entry point: {@code advise --url JDBC_URL [...]}. Exit code 0 when the advisor ran
 * (even with nothing to suggest), 2 on bad arguments, an unreachable database or missing HypoPG (one line on
 * stderr), 1 when the run failed otherwise.
 *
 * <pre>{@code
 * java -jar perf-db/target/perf-db-cli.jar advise --url jdbc:postgresql://localhost/app --user app \
 *     --queries workload.sql --format json
 * }</pre>
 */
public final class AdvisorCli {
    /** Exit code of a completed run. */
    public static final int OK = 0;
    /** Exit code when the run failed after connecting. */
    public static final int FAILED = 1;
    /** Exit code of bad arguments or an unreachable database. */
    public static final int BAD_INPUT = 2;

    private AdvisorCli() {}

    /**
     * Runs the command and exits the JVM with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        // jOOQ logs through SLF4J; the jar bundles no binding, and SLF4J's "no providers" notice would break the
        // one-line stderr contract. A user's own -Dslf4j.provider wins.
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_SLF4JServiceProvider");
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command, printing the report to {@code out} and problems to {@code err}, without exiting.
     *
     * @param args the command line
     * @param out where the report goes
     * @param err where the one-line error goes
     * @return the exit code: {@link #OK}, {@link #FAILED} or {@link #BAD_INPUT}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CliArguments cli;
        try {
            cli = CliArguments.parse(args);
            if (cli.queries() != null && !Files.isReadable(cli.queries())) {
                throw new IllegalArgumentException(
                        "--queries file '" + cli.queries() + "' does not exist or is not readable");
            }
        } catch (IllegalArgumentException e) {
            err.println("perf-db-cli: " + e.getMessage());
            return BAD_INPUT;
        }
        Properties props = new Properties();
        if (cli.user() != null) {
            props.setProperty("user", cli.user());
        }
        if (cli.password() != null) {
            props.setProperty("password", cli.password());
        }
        props.setProperty("connectTimeout", "10");
        props.setProperty("loginTimeout", "10");
        Connection connection;
        try {
            connection = DriverManager.getConnection(cli.url(), props);
        } catch (SQLException e) {
            err.println("perf-db-cli: cannot connect to " + cli.url() + ": " + oneLine(String.valueOf(e.getMessage())));
            return BAD_INPUT;
        }
        try (connection) {
            Workload workload = Workload.of(java.util.List.of());
            if (cli.queries() != null) {
                workload = workload.plus(Workload.fromSqlFile(cli.queries()));
            }
            if (cli.pgStatStatements()) {
                workload = workload.plus(Workload.fromPgStatStatements(connection));
            }
            IndexAdvisor advisor = IndexAdvisor.builder()
                    .maxIndexes(cli.maxIndexes())
                    .whatIf(cli.transactional() ? WhatIfMode.TRANSACTIONAL : WhatIfMode.HYPOPG)
                    .build();
            if (!cli.transactional() && !workload.queries().isEmpty() && !hypoPg(connection)) {
                err.println(
                        "perf-db-cli: the HypoPG extension is not installed in this database; run CREATE EXTENSION"
                                + " hypopg, or pass --transactional (builds each candidate index in a rolled-back transaction)");
                return BAD_INPUT;
            }
            AdvisorReport report = advisor.advise(connection, workload);
            out.println(cli.json() ? report.toJson() : report.toText());
            if (cli.apply()) {
                for (String ddl : advisor.apply(connection, report)) {
                    err.println("perf-db-cli: applied " + ddl);
                }
            }
            out.flush();
            return OK;
        } catch (AdvisorException | SQLException e) {
            err.println("perf-db-cli: " + oneLine(String.valueOf(e.getMessage())));
            return FAILED;
        }
    }

    private static boolean hypoPg(Connection connection) throws SQLException {
        try (var st = connection.createStatement();
                var rs = st.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'hypopg'")) {
            return rs.next();
        }
    }

    private static String oneLine(String message) {
        return message == null ? "unknown error" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
