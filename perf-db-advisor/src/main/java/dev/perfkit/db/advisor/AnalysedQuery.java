package dev.perfkit.db.advisor;

import java.util.Map;
import java.util.Set;

/**
 * A workload statement that EXPLAINed cleanly: its weight (so that weight x planner cost estimates its share of
 * workload time), baseline cost, and the columns it uses per root table.
 */
record AnalysedQuery(
        int id,
        String sql,
        String fingerprint,
        double weight,
        double baseCost,
        Map<String, Set<String>> columnsByTable) {

    static double weight(WorkloadQuery q, double baseCost) {
        return q.totalTimeMillis() > 0 && baseCost > 0 ? q.totalTimeMillis() / baseCost : q.calls();
    }

    boolean mayUse(Candidate c) {
        Set<String> cols = columnsByTable.get(c.table().name());
        return cols != null && cols.contains(c.columns().get(0));
    }

    boolean touches(String table) {
        return columnsByTable.containsKey(table);
    }
}
