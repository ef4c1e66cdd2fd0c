package dev.perfkit.db.advisor;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Greedy selection over the whole workload: each step adds the candidate (or widens a chosen index) with the
 * best weighted cost reduction, net of its write cost, per estimated byte; candidates are re-costed against the
 * indexes chosen so far. Scores only fall as indexes are chosen, so candidates are re-evaluated lazily (best
 * stale score first), which keeps large workloads fast.
 */
final class Selector {
    private static final double MIN_SIZE = 8192;
    /** An index must also cut the cost of the queries it can serve by this fraction, or it is noise. */
    private static final double MIN_RELATIVE = 0.05;

    private final CostModel costs;
    private final List<AnalysedQuery> queries;
    private final ToDoubleFunction<Candidate> writeCost;
    private final int maxIndexes;
    private final double maxTotalBytes;
    private final double minBenefit;
    private AdvisorListener listener = AdvisorListener.NONE;

    private record Step(
            Candidate candidate,
            @org.jspecify.annotations.Nullable Candidate replaced,
            double score,
            double sizeAdded) {}

    Selector(
            CostModel costs,
            List<AnalysedQuery> queries,
            ToDoubleFunction<Candidate> writeCost,
            int maxIndexes,
            double maxTotalBytes,
            double minBenefit) {
        this.costs = costs;
        this.queries = queries;
        this.writeCost = writeCost;
        this.maxIndexes = maxIndexes;
        this.maxTotalBytes = maxTotalBytes;
        this.minBenefit = minBenefit;
    }

    /** Tells {@code listener} each time one more distinct candidate has been costed ({@link AdvisorListener.Phase#COST}). */
    void listener(AdvisorListener listener) {
        this.listener = listener;
    }

    List<Candidate> select(Set<Candidate> candidateSet) throws SQLException {
        Set<Candidate> evaluated = new java.util.HashSet<>();
        List<Candidate> chosen = new ArrayList<>();
        Set<Candidate> remaining = new LinkedHashSet<>(candidateSet);
        Map<Candidate, Double> stale = new HashMap<>();
        remaining.forEach(c -> stale.put(c, Double.MAX_VALUE));
        double totalSize = 0;
        while (true) {
            List<Candidate> ordered = new ArrayList<>(remaining);
            ordered.sort(Comparator.comparingDouble((Candidate c) -> -stale.getOrDefault(c, Double.MAX_VALUE)));
            Step best = null;
            for (Candidate c : ordered) {
                if (best != null && stale.getOrDefault(c, Double.MAX_VALUE) <= best.score()) {
                    break;
                }
                Step step = evaluate(c, chosen, totalSize);
                if (evaluated.add(c)) {
                    listener.onProgress(AdvisorListener.Phase.COST, evaluated.size(), candidateSet.size());
                }
                stale.put(c, step == null ? -Double.MAX_VALUE : step.score());
                if (step != null && (best == null || step.score() > best.score())) {
                    best = step;
                }
            }
            if (best == null) {
                return chosen;
            }
            if (best.replaced() != null) {
                chosen.set(chosen.indexOf(best.replaced()), best.candidate());
            } else {
                chosen.add(best.candidate());
            }
            totalSize += best.sizeAdded();
            remaining.remove(best.candidate());
            Candidate picked = best.candidate();
            // A widening of the new index costs only its extra bytes now, so its score may rise: evaluate it afresh.
            remaining.stream().filter(c -> c.widens(picked)).forEach(c -> stale.put(c, Double.MAX_VALUE));
            remaining.removeIf(picked::widens);
        }
    }

    private @Nullable Step evaluate(Candidate c, List<Candidate> chosen, double totalSize) throws SQLException {
        Candidate replaced = null;
        for (Candidate existing : chosen) {
            if (existing.widens(c) || existing.equals(c)) {
                return null;
            }
            if (c.widens(existing)
                    && (replaced == null
                            || existing.columns().size() > replaced.columns().size())) {
                replaced = existing;
            }
        }
        if (replaced == null && chosen.size() >= maxIndexes) {
            return null;
        }
        double sizeAdded = c.sizeBytes() - (replaced == null ? 0 : replaced.sizeBytes());
        if (totalSize + sizeAdded > maxTotalBytes) {
            return null;
        }
        List<AnalysedQuery> affected = queries.stream().filter(q -> q.mayUse(c)).toList();
        if (affected.isEmpty()) {
            return null;
        }
        List<Candidate> next = new ArrayList<>(chosen);
        if (replaced != null) {
            next.remove(replaced);
        }
        next.add(c);
        double before = costs.weighted(affected, chosen);
        double after = costs.weighted(affected, next);
        double benefit = before
                - after
                - writeCost.applyAsDouble(c)
                + (replaced == null ? 0 : writeCost.applyAsDouble(replaced));
        if (benefit <= minBenefit || benefit < MIN_RELATIVE * before || after >= before) {
            return null;
        }
        return new Step(c, replaced, benefit / Math.max(MIN_SIZE, sizeAdded), sizeAdded);
    }
}
