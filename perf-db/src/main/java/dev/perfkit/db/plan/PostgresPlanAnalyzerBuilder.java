package dev.perfkit.db.plan;

/**
 * Thresholds of a {@link PostgresPlanAnalyzer}; each setter checks its value at once.
 *
 * <pre>{@code
 * PostgresPlanAnalyzer analyzer = PostgresPlanAnalyzer.builder()
 *     .largeTableRows(100_000).estimateFactor(20).build();
 * }</pre>
 */
public final class PostgresPlanAnalyzerBuilder {
    long largeTableRows = 10_000;
    double selectiveFraction = 0.1;
    long minRemovedRows = 1_000;
    double removedRatio = 10;
    double estimateFactor = 10;
    long minEstimateRows = 100;
    long nestedLoopOuterRows = 10_000;

    PostgresPlanAnalyzerBuilder() {}

    /**
     * Tables with at least this many rows count as large for the seq-scan finding (default 10,000).
     *
     * @throws IllegalArgumentException if {@code rows} is below 1
     */
    public PostgresPlanAnalyzerBuilder largeTableRows(long rows) {
        this.largeTableRows = positive("largeTableRows", rows);
        return this;
    }

    /**
     * A filter is selective when it keeps at most this fraction of the scanned rows (default 0.1).
     *
     * @throws IllegalArgumentException if {@code fraction} is not in (0, 1]
     */
    public PostgresPlanAnalyzerBuilder selectiveFraction(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("selectiveFraction must be in (0, 1], but was " + fraction);
        }
        this.selectiveFraction = fraction;
        return this;
    }

    /**
     * Rows removed by a filter are reported from this many rows (default 1,000) ...
     *
     * @throws IllegalArgumentException if {@code rows} is below 1
     */
    public PostgresPlanAnalyzerBuilder minRemovedRows(long rows) {
        this.minRemovedRows = positive("minRemovedRows", rows);
        return this;
    }

    /**
     * ... when they are at least this many times the rows returned (default 10).
     *
     * @throws IllegalArgumentException if {@code ratio} is below 1
     */
    public PostgresPlanAnalyzerBuilder removedRatio(double ratio) {
        this.removedRatio = atLeastOne("removedRatio", ratio);
        return this;
    }

    /**
     * Row estimates off by this factor or more are reported (default 10).
     *
     * @throws IllegalArgumentException if {@code factor} is below 1
     */
    public PostgresPlanAnalyzerBuilder estimateFactor(double factor) {
        this.estimateFactor = atLeastOne("estimateFactor", factor);
        return this;
    }

    /**
     * Estimate errors are ignored when both estimate and actual are below this many rows (default 100).
     *
     * @throws IllegalArgumentException if {@code rows} is below 1
     */
    public PostgresPlanAnalyzerBuilder minEstimateRows(long rows) {
        this.minEstimateRows = positive("minEstimateRows", rows);
        return this;
    }

    /**
     * Nested loops whose outer input has at least this many rows are reported (default 10,000).
     *
     * @throws IllegalArgumentException if {@code rows} is below 1
     */
    public PostgresPlanAnalyzerBuilder nestedLoopOuterRows(long rows) {
        this.nestedLoopOuterRows = positive("nestedLoopOuterRows", rows);
        return this;
    }

    /** Builds the analyzer. */
    public PostgresPlanAnalyzer build() {
        return new PostgresPlanAnalyzer(this);
    }

    private static long positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, but was " + value);
        }
        return value;
    }

    private static double atLeastOne(String name, double value) {
        if (!(value >= 1) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 1, but was " + value);
        }
        return value;
    }
}
