package dev.perfkit.db.advisor;

/**
 * How the advisor asks the planner "what if this index existed", chosen on {@link IndexAdvisor.Builder#whatIf}.
 *
 * <pre>{@code
 * IndexAdvisor advisor = IndexAdvisor.builder().whatIf(WhatIfMode.TRANSACTIONAL).build();
 * }</pre>
 */
public enum WhatIfMode {
    /** Hypothetical indexes from the HypoPG extension: nothing is built, the default. */
    HYPOPG,
    /**
     * Opt-in: each candidate configuration is built for real ({@code CREATE INDEX}) inside a transaction with
     * {@code lock_timeout} and {@code statement_timeout}, EXPLAINed and rolled back. This builds indexes (it reads
     * the table and takes a SHARE lock while it runs), so use it on a replica or a copy when tables are large.
     */
    TRANSACTIONAL;

    /**
     * The name used in reports and the CLI's JSON ({@code "hypopg"} or {@code "transactional"}).
     *
     * @return the lower-case name
     */
    public String jsonName() {
        return this == HYPOPG ? "hypopg" : "transactional";
    }
}
