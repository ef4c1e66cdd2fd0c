package dev.perfkit.benchmarks.demo;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One step's figures, or why the step was skipped.
 *
 * @param name the step
 * @param summary what it switched on
 * @param skipped why the step did not run, or null
 * @param load what the load generator measured, or null when skipped
 * @param statementsPerRequest SQL statements per request (all requests of the step, warm-up included)
 * @param dbMillisPerRequest database time per request in milliseconds, as the JDBC driver saw it
 * @param page bytes and requests of a first and a repeat page view, or null when skipped
 * @param open the open-loop period at the same fixed rate in every step, or null when skipped
 * @param notes what the step found or did (advisor DDL, N+1 reports, pool sizing), one line each
 */
record StepResult(
        String name,
        String summary,
        @Nullable String skipped,
        LoadGenerator.@Nullable Result load,
        double statementsPerRequest,
        double dbMillisPerRequest,
        PageViews.@Nullable Views page,
        LoadGenerator.@Nullable OpenLoop open,
        List<String> notes) {

    /** The load figures of a step that ran. */
    LoadGenerator.Result measuredLoad() {
        return java.util.Objects.requireNonNull(load, name + " was skipped");
    }

    /** The page views of a step that ran. */
    PageViews.Views measuredPage() {
        return java.util.Objects.requireNonNull(page, name + " measured no page view");
    }

    static StepResult skipped(String name, String summary, String why) {
        return new StepResult(name, summary, why, null, 0, 0, null, null, List.of());
    }
}
