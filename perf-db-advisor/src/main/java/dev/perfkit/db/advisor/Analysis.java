package dev.perfkit.db.advisor;

import dev.perfkit.db.SqlFingerprint;
import dev.perfkit.db.advisor.AdvisorReport.Recommendation;
import dev.perfkit.db.advisor.AdvisorReport.Skipped;
import dev.perfkit.db.internal.SqlStatements;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** One advisor run over a workload: EXPLAIN each statement, generate candidates, select, describe. */
final class Analysis {
    /** Statements the advisor costs, by their first keyword (after comments and parentheses). */
    private static final java.util.Set<String> COSTABLE =
            java.util.Set.of("select", "with", "update", "delete", "insert", "values", "table");

    /** Relations the advisor never indexes: the catalogs (plan relation names are {@code schema.name}). */
    private static final Pattern SYSTEM_SCHEMA = Pattern.compile("(pg_catalog|information_schema|pg_toast)\\.");

    /** A select list with {@code *} or {@code t.*}: every column of a table is read. */
    private static final Pattern SELECT_ALL =
            Pattern.compile("(?is)(?:\\bselect\\s+(?:distinct\\s+)?|,\\s*)(?:[\\w\"]+\\.)?\\*\\s*(?:,|\\bfrom\\b)");

    private final Connection connection;
    private final WhatIfMode mode;
    private final Duration lockTimeout;
    private final Duration statementTimeout;
    private final List<Skipped> skipped = new ArrayList<>();
    private final List<AnalysedQuery> analysed = new ArrayList<>();
    private final Set<Candidate> candidates = new LinkedHashSet<>();
    private final WriteCosts writeCosts = new WriteCosts();
    private final Map<String, Catalog.Table> tables = new LinkedHashMap<>();
    private final AdvisorListener listener;

    Analysis(
            Connection connection,
            WhatIfMode mode,
            Duration lockTimeout,
            Duration statementTimeout,
            AdvisorListener listener) {
        this.connection = connection;
        this.listener = listener;
        this.mode = mode;
        this.lockTimeout = lockTimeout;
        this.statementTimeout = statementTimeout;
    }

    List<Skipped> skipped() {
        return skipped;
    }

    /** The root tables the analysed statements read or write. */
    java.util.Collection<Catalog.Table> tables() {
        return tables.values();
    }

    List<Recommendation> run(Workload workload, int maxIndexes, long maxTotalBytes, double minImprovement)
            throws SQLException {
        if (workload.queries().isEmpty()) {
            return List.of();
        }
        Explainer explainer = Explainer.open(connection);
        try {
            WhatIf whatIf = mode == WhatIfMode.HYPOPG
                    ? new HypoPgWhatIf(connection, explainer)
                    : new TransactionalWhatIf(connection, explainer, lockTimeout, statementTimeout);
            if (mode == WhatIfMode.HYPOPG) {
                whatIf.uninstall();
            }
            Catalog catalog = new Catalog(connection);
            List<WorkloadQuery> statements = merged(workload);
            for (int i = 0; i < statements.size(); i++) {
                analyse(statements.get(i), explainer, catalog);
                listener.onProgress(AdvisorListener.Phase.ANALYSE, i + 1, statements.size());
            }
            CostModel costs = new CostModel(whatIf);
            analysed.forEach(q -> costs.seed(q));
            double total = costs.weighted(analysed, List.of());
            Selector selector =
                    new Selector(costs, analysed, writeCosts::cost, maxIndexes, maxTotalBytes, minImprovement * total);
            selector.listener(listener);
            List<Candidate> chosen = new ArrayList<>(selector.select(candidates));
            Map<AnalysedQuery, Set<Candidate>> used = costs.usage(analysed, chosen);
            chosen.removeIf(c -> used.values().stream().noneMatch(s -> s.contains(c)));
            List<Recommendation> out = new ArrayList<>();
            double before = total;
            for (int i = 0; i < chosen.size(); i++) {
                Candidate c = chosen.get(i);
                double after = costs.weighted(analysed, chosen.subList(0, i + 1));
                List<String> queries = analysed.stream()
                        .filter(q -> used.getOrDefault(q, Set.of()).contains(c))
                        .map(AnalysedQuery::fingerprint)
                        .toList();
                out.add(new Recommendation(
                        c.table().name(),
                        c.columns(),
                        c.include(),
                        c.where(),
                        c.ddl(),
                        before,
                        after,
                        queries,
                        Math.round(c.sizeBytes())));
                before = after;
            }
            return out;
        } finally {
            explainer.close();
        }
    }

    private static List<WorkloadQuery> merged(Workload workload) {
        Map<String, WorkloadQuery> bySql = new LinkedHashMap<>();
        for (WorkloadQuery q : workload.queries()) {
            bySql.merge(
                    q.sql().strip(),
                    q,
                    (a, b) -> new WorkloadQuery(
                            a.sql(), a.calls() + b.calls(), a.totalTimeMillis() + b.totalTimeMillis()));
        }
        return new ArrayList<>(bySql.values());
    }

    private void analyse(WorkloadQuery q, Explainer explainer, Catalog catalog) {
        String fingerprint = SqlFingerprint.of(q.sql());
        List<String> statements = SqlScript.split(q.sql());
        if (statements.size() != 1) {
            skipped.add(new Skipped(
                    fingerprint,
                    statements.isEmpty()
                            ? "empty statement"
                            : "contains " + statements.size() + " statements; give one statement per query"));
            return;
        }
        String sql = statements.get(0);
        if (!COSTABLE.contains(SqlStatements.firstKeyword(sql))) {
            skipped.add(new Skipped(fingerprint, notCostable(sql)));
            return;
        }
        PlanUsage usage;
        try {
            usage = PlanUsage.of(explainer.plan(sql));
        } catch (SQLException e) {
            skipped.add(new Skipped(fingerprint, reason(e)));
            return;
        }
        Map<String, PlanUsage.Table> byRoot = new LinkedHashMap<>();
        Map<String, Catalog.Table> roots = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, PlanUsage.Table> e : usage.tables.entrySet()) {
                if (SYSTEM_SCHEMA.matcher(e.getKey()).lookingAt()) {
                    continue;
                }
                Catalog.Table root = catalog.table(e.getKey());
                roots.put(root.name(), root);
                byRoot.computeIfAbsent(root.name(), n -> new PlanUsage.Table()).merge(e.getValue());
            }
        } catch (SQLException e) {
            skipped.add(new Skipped(fingerprint, "catalog lookup failed: " + firstLine(e.getMessage())));
            return;
        }
        if (!SELECT_ALL.matcher(sql).find()) {
            // A scan under an aggregate outputs every column (PostgreSQL's physical target list), not only those
            // the statement reads: INCLUDE only what the statement names, or an index-only scan costs every column.
            byRoot.values().forEach(t -> t.output.removeIf(c -> !names(sql, c)));
        }
        Map<String, Set<String>> columns = new LinkedHashMap<>();
        byRoot.forEach((name, t) -> {
            columns.put(name, t.allColumns());
            // Every root in byRoot was looked up into roots just above.
            candidates.addAll(
                    CandidateGenerator.generate(Objects.requireNonNull(roots.get(name)), t, catalog::selectivity));
        });
        tables.putAll(roots);
        AnalysedQuery aq = new AnalysedQuery(
                analysed.size(), sql, fingerprint, AnalysedQuery.weight(q, usage.totalCost), usage.totalCost, columns);
        analysed.add(aq);
        if (usage.modified != null) {
            try {
                Catalog.Table target = catalog.table(usage.modified);
                tables.put(target.name(), target);
                PlanUsage.Table t = byRoot.get(target.name());
                double rows = t == null ? usage.modifiedRows : Math.max(1, t.rows);
                switch (usage.operation) {
                    case "Update" -> writeCosts.addUpdate(target, sql, aq.weight() * rows);
                    case "Insert" -> writeCosts.addInsert(target, aq.weight() * usage.modifiedRows);
                    case "Delete" -> writeCosts.addDelete(target, aq.weight() * rows);
                    default -> {
                        // MERGE: its actions are not known from the plan; no write cost is charged.
                    }
                }
            } catch (SQLException e) {
                skipped.add(new Skipped(fingerprint, "write cost unknown: " + firstLine(e.getMessage())));
            }
        }
    }

    /** Whether the statement names the column (as a word, in any case; quoted names as written). */
    static boolean names(String sql, String column) {
        return Pattern.compile("(?<![\\w$])" + Pattern.quote(column) + "(?![\\w$])", Pattern.CASE_INSENSITIVE)
                .matcher(sql)
                .find();
    }

    /**
     * Why a statement that is not SELECT, WITH, UPDATE, DELETE, INSERT, VALUES or TABLE is skipped. It is never
     * sent to the server; a costable statement that does not parse comes back from EXPLAIN with SQLSTATE 42601.
     */
    private static String notCostable(String sql) {
        String keyword = SqlStatements.firstKeyword(sql);
        String first = keyword.isEmpty() ? sql.strip().split("\\s+", 2)[0] : keyword;
        first = first.length() > 40 ? first.substring(0, 40) + "..." : first;
        return "not a query the advisor can cost (SELECT, WITH, UPDATE, DELETE, INSERT): starts with " + first;
    }

    private static String reason(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = firstLine(e.getMessage());
        if (state.equals("42601")) {
            return "does not parse: " + message;
        }
        if (state.equals("42P01")) {
            return "unknown table: " + message;
        }
        return "EXPLAIN failed: " + message;
    }

    private static String firstLine(@Nullable String message) {
        String m = message == null ? "" : message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
