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
 */
public final class SizingResult {
    private final int maximumPoolSize;
    private final List<String> reasoning;
    private final List<String> warnings;

    private SizingResult(int maximumPoolSize, List<String> reasoning, List<String> warnings) {
        this.maximumPoolSize = maximumPoolSize;
        this.reasoning = List.copyOf(reasoning);
        this.warnings = List.copyOf(warnings);
    }

    static SizingResult of(int maximumPoolSize, List<String> reasoning, List<String> warnings) {
        return new SizingResult(maximumPoolSize, reasoning, warnings);
    }

    /** The recommended maximumPoolSize per application instance, at least 1. */
    public int maximumPoolSize() {
        return maximumPoolSize;
    }

    /** The rules applied, in order, each with its numbers. */
    public List<String> reasoning() {
        return reasoning;
    }

    /** What cannot be satisfied (a deadlock floor above the budget, a target above what the database serves). */
    public List<String> warnings() {
        return warnings;
    }

    /** The size, then the reasoning and warnings, one per line. */
    public String explain() {
        StringBuilder out =
                new StringBuilder("maximumPoolSize = ").append(maximumPoolSize).append('\n');
        reasoning.forEach(line -> out.append("  - ").append(line).append('\n'));
        warnings.forEach(line -> out.append("  ! ").append(line).append('\n'));
        return out.toString();
    }

    @Override
    public String toString() {
        return explain();
    }
}
