package dev.perfkit.metrics.bench;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * One benchmark's primary result from a JMH JSON file: name, mode, parameters, score with its 99.9% confidence
 * interval, unit, and the raw per-iteration scores when JMH wrote them.
 */
public final class JmhResult {
    private final String benchmark;
    private final Mode mode;
    private final Map<String, String> params;
    private final double score;
    private final double scoreError;
    private final double low;
    private final double high;
    private final String unit;
    private final double[] raw;

    /** The JMH modes, with which direction is better. */
    public enum Mode {
        /** Throughput: operations per time; higher is better. */
        THRPT("thrpt", true),
        /** Average time per operation; lower is better. */
        AVGT("avgt", false),
        /** Sampled time per operation; lower is better. */
        SAMPLE("sample", false),
        /** Single-shot time; lower is better. */
        SS("ss", false);

        private final String token;
        private final boolean higherIsBetter;

        Mode(String token, boolean higherIsBetter) {
            this.token = token;
            this.higherIsBetter = higherIsBetter;
        }

        /** Returns JMH's name of the mode, such as {@code thrpt}. */
        public String token() {
            return token;
        }

        /** Returns whether a higher score is better. */
        public boolean higherIsBetter() {
            return higherIsBetter;
        }
    }

    JmhResult(
            String benchmark,
            Mode mode,
            Map<String, String> params,
            double score,
            double scoreError,
            double low,
            double high,
            String unit,
            double[] raw) {
        this.benchmark = benchmark;
        this.mode = mode;
        this.params = new TreeMap<>(params);
        this.score = score;
        this.scoreError = scoreError;
        this.low = low;
        this.high = high;
        this.unit = unit;
        this.raw = raw.clone();
    }

    /** Returns the benchmark's full method name. */
    public String benchmark() {
        return benchmark;
    }

    /** Returns the mode. */
    public Mode mode() {
        return mode;
    }

    /** Returns the parameters, sorted by name. */
    public Map<String, String> params() {
        return new TreeMap<>(params);
    }

    /** Returns the parameters as {@code a=1, b=x}, empty without any. */
    public String paramsText() {
        StringJoiner j = new StringJoiner(", ");
        params.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }

    /** Returns the score. */
    public double score() {
        return score;
    }

    /** Returns JMH's half-width of the 99.9% interval; NaN when JMH could not compute it (two or fewer samples). */
    public double scoreError() {
        return scoreError;
    }

    /** Returns the interval's lower end (NaN when unknown). */
    public double low() {
        return low;
    }

    /** Returns the interval's upper end (NaN when unknown). */
    public double high() {
        return high;
    }

    /** Returns the score's unit, such as {@code ops/ms}. */
    public String unit() {
        return unit;
    }

    /** Returns the raw iteration scores of all forks, empty when the file has none (sample mode). */
    public double[] raw() {
        return raw.clone();
    }

    /** The identity of a result across two files: benchmark, mode and parameters. */
    String key() {
        return benchmark + " " + mode.token + " " + params;
    }

    @Override
    public String toString() {
        return benchmark + "(" + paramsText() + ") " + mode.token + " " + score + " ± " + scoreError + " " + unit;
    }
}
