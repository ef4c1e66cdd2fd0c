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
 * largest weighted cost reduction, net of its write cost; candidates are re-costed against the indexes chosen so
 * far. Under a count budget alone the step ranks by benefit, and benefit per byte only breaks ties among candidates
 * within {@value #SIMILAR} of the best benefit: ranking by benefit per byte would fill the count with small wins and
 * drop the one index that halves the workload. Under a byte budget it runs twice, once ranked by benefit per byte
 * and once by benefit, and keeps the set that lowers the workload cost more (the classic greedy for a knapsack,
 * never worse than half the best set). Scores only fall as indexes are chosen, so candidates are re-evaluated
 * lazily (best stale score first), which keeps large workloads fast.
 */
final class Selector {
    private static final double MIN_SIZE = 8192;
    /** An index must also cut the cost of the queries it can serve by this fraction, or it is noise. */
    private static final double MIN_RELATIVE = 0.05;
    /** Benefits within this share of the best count as similar: the smallest index among them wins. */
    static final double SIMILAR = 0.9;

    /** How a step is ranked. */
    enum Rank {
        /** By benefit; per byte among candidates within {@link #SIMILAR} of the best. */
        BENEFIT,
        /** By benefit per estimated byte added. */
        PER_BYTE
    }

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
            double benefit,
            double sizeAdded) {
        double score(Rank rank) {
            return rank == Rank.BENEFIT ? benefit : benefit / Math.max(MIN_SIZE, sizeAdded);
        }

        double perByte() {
            return benefit / Math.max(MIN_SIZE, sizeAdded);
        }
    }

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
        List<Candidate> byBenefit = select(candidateSet, Rank.BENEFIT, evaluated);
        if (maxTotalBytes >= Long.MAX_VALUE) {
            return byBenefit;
        }
        List<Candidate> perByte = select(candidateSet, Rank.PER_BYTE, evaluated);
        return netCost(perByte) < netCost(byBenefit) ? perByte : byBenefit;
    }

    /** The weighted workload cost under the set plus the write cost its indexes add. */
    double netCost(List<Candidate> set) throws SQLException {
        double cost = costs.weighted(queries, set);
        for (Candidate c : set) {
            cost += writeCost.applyAsDouble(c);
        }
        return cost;
    }

    List<Candidate> select(Set<Candidate> candidateSet, Rank rank, Set<Candidate> evaluated) throws SQLException {
        List<Candidate> chosen = new ArrayList<>();
        Set<Candidate> remaining = new LinkedHashSet<>(candidateSet);
        Map<Candidate, Double> stale = new HashMap<>();
        remaining.forEach(c -> stale.put(c, Double.MAX_VALUE));
        double totalSize = 0;
        // Under BENEFIT, every candidate whose benefit may be within SIMILAR of the best is evaluated.
        double reach = rank == Rank.BENEFIT ? SIMILAR : 1;
        while (true) {
            List<Candidate> ordered = new ArrayList<>(remaining);
            ordered.sort(Comparator.comparingDouble((Candidate c) -> -stale.getOrDefault(c, Double.MAX_VALUE)));
            Step best = null;
            List<Step> steps = new ArrayList<>();
            for (Candidate c : ordered) {
                if (best != null && stale.getOrDefault(c, Double.MAX_VALUE) <= best.score(rank) * reach) {
                    break;
                }
                Step step = evaluate(c, chosen, totalSize);
                if (evaluated.add(c)) {
                    listener.onProgress(AdvisorListener.Phase.COST, evaluated.size(), candidateSet.size());
                }
                stale.put(c, step == null ? -Double.MAX_VALUE : step.score(rank));
                if (step != null) {
                    steps.add(step);
                    if (best == null || step.score(rank) > best.score(rank)) {
                        best = step;
                    }
                }
            }
            if (best == null) {
                return chosen;
            }
            if (rank == Rank.BENEFIT) {
                double floor = best.benefit() * SIMILAR;
                for (Step s : steps) {
                    if (s.benefit() >= floor && s.perByte() > best.perByte()) {
                        best = s;
                    }
                }
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
        return new Step(c, replaced, benefit, sizeAdded);
    }
}
