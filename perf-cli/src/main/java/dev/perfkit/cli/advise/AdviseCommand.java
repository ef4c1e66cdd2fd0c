package dev.perfkit.cli.advise;

import dev.perfkit.cli.CliException;
import dev.perfkit.cli.Exit;
import dev.perfkit.cli.Perfkit;
import dev.perfkit.cli.Progress;
import dev.perfkit.db.advisor.AdvisorException;
import dev.perfkit.db.advisor.AdvisorListener;
import dev.perfkit.db.advisor.AdvisorReport;
import dev.perfkit.db.advisor.IndexAdvisor;
import dev.perfkit.db.advisor.WhatIfMode;
import dev.perfkit.db.advisor.Workload;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code perfkit advise}: runs the index advisor on a PostgreSQL database and prints its report (text, or the
 * JSON contract with {@code --format json}) on stdout. Exit 0 when it ran, with or without recommendations;
 * 2 on bad arguments, no workload flag, an unreachable database or missing HypoPG; 1 when the run failed after
 * connecting.
 */
@Command(
        name = "advise",
        description = "Recommend indexes for a workload, proven by the planner, and report unused, duplicate and "
                + "invalid indexes and unindexed foreign keys. Changes nothing unless --apply is given.")
public final class AdviseCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec = CommandSpec.create();

    @Mixin
    private ConnectionOptions connection = new ConnectionOptions();

    @Option(
            names = "--queries",
            paramLabel = "FILE.sql",
            description = "Statements to optimise for, ';'-separated. Each counts as one call unless a line comment"
                    + " '-- calls: N' comes right before it (N in 1..10^12), e.g. '-- calls: 500'.")
    private @Nullable Path queries;

    @Option(names = "--pg-stat-statements", description = "Take the workload from pg_stat_statements.")
    private boolean pgStatStatements;

    private int maxIndexes = 10;
    private boolean json;

    @Option(names = "--apply", description = "Create the recommended indexes (CREATE INDEX CONCURRENTLY).")
    private boolean apply;

    @Option(
            names = "--transactional",
            description = "Cost candidates by building them in a rolled-back transaction instead of with HypoPG.")
    private boolean transactional;

    @Option(
            names = "--max-indexes",
            paramLabel = "N",
            description = "The most indexes to recommend, 1 to 1000 " + "(default 10).")
    void maxIndexes(int n) {
        if (n < 1 || n > 1000) {
            throw new ParameterException(
                    spec.commandLine(), "--max-indexes must be a whole number from 1 to 1000, but was '" + n + "'");
        }
        maxIndexes = n;
    }

    @Option(names = "--format", paramLabel = "text|json", description = "Report format (default text).")
    void format(String format) {
        json = switch (format) {
            case "json" -> true;
            case "text" -> false;
            default ->
                throw new ParameterException(
                        spec.commandLine(), "--format must be text or json, but was '" + format + "'");
        };
    }

    @Override
    public Integer call() {
        if (queries == null && !pgStatStatements) {
            throw new ParameterException(
                    spec.commandLine(),
                    "no queries were given: pass --queries FILE.sql (statements separated by ';') and/or"
                            + " --pg-stat-statements (the database's own statistics)");
        }
        Path file = queries;
        if (file != null && !Files.isReadable(file)) {
            throw new ParameterException(
                    spec.commandLine(), "--queries file '" + file + "' does not exist or is not readable");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Connection c = connection.open()) {
            Workload workload = Workload.of(List.of());
            if (file != null) {
                workload = workload.plus(Workload.fromSqlFile(file));
            }
            if (pgStatStatements) {
                workload = workload.plus(Workload.fromPgStatStatements(c));
            }
            WhatIfMode mode = transactional ? WhatIfMode.TRANSACTIONAL : WhatIfMode.HYPOPG;
            if (mode == WhatIfMode.HYPOPG && !workload.queries().isEmpty() && !hypoPg(c)) {
                throw new CliException(
                        Exit.BAD_INPUT,
                        "the HypoPG extension is not installed in this database; run CREATE EXTENSION hypopg, or"
                                + " pass --transactional (builds each candidate index in a rolled-back transaction)");
            }
            Progress analyse = Perfkit.progress(spec, "analysing statements");
            Progress cost = Perfkit.progress(spec, "costing candidate indexes (" + mode.jsonName() + ")");
            IndexAdvisor advisor = IndexAdvisor.builder()
                    .maxIndexes(maxIndexes)
                    .whatIf(mode)
                    .listener(listener(analyse, cost))
                    .build();
            AdvisorReport report = advisor.advise(c, workload);
            analyse.finish();
            cost.finish();
            out.println(json ? report.toJson() : report.toText());
            out.flush();
            if (apply) {
                for (String ddl : advisor.apply(c, report)) {
                    spec.commandLine().getErr().println("perfkit: applied " + ddl);
                }
            }
            return Exit.OK;
        } catch (AdvisorException | SQLException e) {
            throw new CliException(Exit.PROBLEM, String.valueOf(e.getMessage()), e);
        } catch (IllegalArgumentException e) {
            throw new CliException(Exit.BAD_INPUT, "--queries file '" + file + "': " + e.getMessage(), e);
        }
    }

    private static AdvisorListener listener(Progress analyse, Progress cost) {
        return (phase, done, total) -> {
            if (phase == AdvisorListener.Phase.ANALYSE) {
                analyse.update(done, total);
            } else {
                analyse.finish();
                cost.update(done, total);
            }
        };
    }

    private static boolean hypoPg(Connection connection) throws SQLException {
        try (var st = connection.createStatement();
                var rs = st.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'hypopg'")) {
            return rs.next();
        }
    }
}
