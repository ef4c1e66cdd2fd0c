package dev.perfkit.db.advisor;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Makes a set of candidate indexes visible to the planner, lets the caller EXPLAIN under them, and removes them
 * again. Implementations: {@link HypoPgWhatIf} (nothing built) and {@link TransactionalWhatIf} (built and rolled
 * back).
 */
interface WhatIf {

    /** Installs the configuration; returns the plan index names mapped to the candidates they stand for. */
    Map<String, Candidate> install(List<Candidate> configuration) throws SQLException;

    /** EXPLAINs one statement under the installed configuration. */
    JsonNode explain(String sql) throws SQLException;

    /** Removes the installed configuration. */
    void uninstall() throws SQLException;

    WhatIfMode mode();
}
