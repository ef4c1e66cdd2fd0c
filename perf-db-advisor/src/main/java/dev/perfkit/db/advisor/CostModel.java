package dev.perfkit.db.advisor;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Planner costs of queries under index configurations, cached per (query, the configuration's indexes on the
 * query's tables), so re-costing after each greedy step only EXPLAINs what changed.
 */
final class CostModel {
    private final WhatIf whatIf;
    private final Map<String, Double> cache = new HashMap<>();

    CostModel(WhatIf whatIf) {
        this.whatIf = whatIf;
    }

    /** Records the baseline cost (no candidates) measured while analysing. */
    void seed(AnalysedQuery q) {
        cache.put(key(q, List.of()), q.baseCost());
    }

    /** Weighted cost of the queries under the configuration. */
    double weighted(Collection<AnalysedQuery> queries, List<Candidate> configuration) throws SQLException {
        List<AnalysedQuery> missing = new ArrayList<>();
        for (AnalysedQuery q : queries) {
            if (!cache.containsKey(key(q, configuration))) {
                missing.add(q);
            }
        }
        if (!missing.isEmpty()) {
            Set<String> tables = new TreeSet<>();
            missing.forEach(q -> tables.addAll(q.columnsByTable().keySet()));
            List<Candidate> relevant = configuration.stream()
                    .filter(c -> tables.contains(c.table().name()))
                    .toList();
            try {
                whatIf.install(relevant);
                for (AnalysedQuery q : missing) {
                    cache.put(key(q, configuration), cost(q));
                }
            } catch (SQLException e) {
                // The configuration cannot be built (lock or statement timeout, permissions): it helps nobody.
                for (AnalysedQuery q : missing) {
                    cache.put(key(q, configuration), q.baseCost());
                }
            } finally {
                whatIf.uninstall();
            }
        }
        double sum = 0;
        for (AnalysedQuery q : queries) {
            // Every (query, configuration) pair was costed into the cache just above.
            sum += q.weight() * Objects.requireNonNull(cache.get(key(q, configuration)));
        }
        return sum;
    }

    /** Per query, the candidates its plan uses under the configuration. */
    Map<AnalysedQuery, Set<Candidate>> usage(Collection<AnalysedQuery> queries, List<Candidate> configuration)
            throws SQLException {
        Map<AnalysedQuery, Set<Candidate>> out = new HashMap<>();
        try {
            Map<String, Candidate> names = whatIf.install(configuration);
            for (AnalysedQuery q : queries) {
                Set<Candidate> used = new java.util.LinkedHashSet<>();
                try {
                    for (String index : PlanUsage.indexes(whatIf.explain(q.sql()), new TreeSet<>())) {
                        Candidate c = names.get(index);
                        if (c != null) {
                            used.add(c);
                        }
                    }
                } catch (SQLException e) {
                    // A query that fails under a configuration uses none of it; its baseline plan stands.
                    used.clear();
                }
                out.put(q, used);
            }
        } finally {
            whatIf.uninstall();
        }
        return out;
    }

    private double cost(AnalysedQuery q) {
        try {
            return PlanUsage.cost(whatIf.explain(q.sql()));
        } catch (SQLException e) {
            // EXPLAIN worked without the indexes (the query was analysed); a failure here (a timeout in the
            // transactional mode) must not make the configuration look better, so keep the baseline.
            return q.baseCost();
        }
    }

    private static String key(AnalysedQuery q, List<Candidate> configuration) {
        StringBuilder sb = new StringBuilder().append(q.id());
        configuration.stream()
                .filter(c -> q.touches(c.table().name()))
                .map(Candidate::key)
                .sorted()
                .forEach(k -> sb.append('|').append(k));
        return sb.toString();
    }
}
