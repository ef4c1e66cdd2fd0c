package dev.perfkit.db.advisor;

/**
 * Told of an advisor run's progress, for a progress bar or progress lines. Called on the thread that runs
 * {@link IndexAdvisor#advise}, between statements sent to the database; implementations must be quick and must
 * not use the advisor's connection.
 *
 * <pre>{@code
 * IndexAdvisor advisor = IndexAdvisor.builder()
 *     .listener((phase, done, total) -> System.err.println(phase + " " + done + "/" + total))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface AdvisorListener {
    /** A listener that ignores progress. */
    AdvisorListener NONE = (phase, done, total) -> {};

    /**
     * {@code done} of {@code total} units of {@code phase} are finished. Within a phase {@code done} only grows
     * and reaches {@code total}; a phase with nothing to do is not reported.
     *
     * @param phase what the advisor is doing
     * @param done units finished, from 1 to {@code total}
     * @param total units of the phase
     */
    void onProgress(Phase phase, int done, int total);

    /** The long parts of a run, in the order they happen. */
    enum Phase {
        /** Distinct workload statements EXPLAINed and their candidate indexes generated. */
        ANALYSE,
        /**
         * Candidate indexes costed with the what-if mode (HypoPG or built in a rolled-back transaction) in the
         * first pass of the greedy selection; later passes re-cost only the few that may still win.
         */
        COST
    }
}
