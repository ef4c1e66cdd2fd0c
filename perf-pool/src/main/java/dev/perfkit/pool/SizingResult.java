package dev.perfkit.pool;

import java.util.List;

/**
 * A recommended pool size with the reasoning behind it, one readable line per rule applied.
 *
 * <pre>{@code
 * SizingResult result = PoolSizing.recommend(inputs);
 * config.setMaximumPoolSize(result.maximumPoolSize());
 * log.info(result.explain());
 * }</pre>
 *
 * @param maximumPoolSize the recommended maximumPoolSize per application instance, at least 1
 * @param reasoning the rules applied, in order, each with its numbers
 * @param warnings what cannot be satisfied (a deadlock floor above the budget, a target above what the database serves)
 */
public record SizingResult(int maximumPoolSize, List<String> reasoning, List<String> warnings) {

    /** Copies the lists. */
    public SizingResult {
        reasoning = List.copyOf(reasoning);
        warnings = List.copyOf(warnings);
    }

    /** The size, then the reasoning and warnings, one per line. */
    public String explain() {
        StringBuilder out =
                new StringBuilder("maximumPoolSize = ").append(maximumPoolSize).append('\n');
        reasoning.forEach(line -> out.append("  - ").append(line).append('\n'));
        warnings.forEach(line -> out.append("  ! ").append(line).append('\n'));
        return out.toString();
    }
}
