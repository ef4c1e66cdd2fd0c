package dev.perfkit.pool;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * What {@link PoolSizing} knows about the database and the workload; every value but the core count is optional.
 *
 * <pre>{@code
 * SizingInputs inputs = SizingInputs.builder()
 *     .databaseCores(8).effectiveSpindles(1)
 *     .meanStatementTime(Duration.ofMillis(4)).p99StatementTime(Duration.ofMillis(40))
 *     .targetThroughput(2_000).applicationInstances(3)
 *     .connectionsPerRequest(1)
 *     .databaseLimits(DatabaseLimits.read(dataSource), "orders-api")
 *     .build();
 * }</pre>
 *
 */
public final class SizingInputs {
    private final int databaseCores;
    private final int effectiveSpindles;
    private final @Nullable Duration meanStatementTime;
    private final @Nullable Duration p99StatementTime;
    private final double targetThroughput;
    private final int connectionsPerRequest;
    private final int requestThreads;
    private final int applicationInstances;
    private final int connectionBudget;

    private SizingInputs(Builder b) {
        if (b.mean != null && b.p99 != null && b.p99.compareTo(b.mean) < 0) {
            throw new IllegalArgumentException(
                    "p99StatementTime must be at least meanStatementTime (" + b.mean + "), but was " + b.p99);
        }
        databaseCores = b.cores;
        effectiveSpindles = b.spindles;
        meanStatementTime = b.mean;
        p99StatementTime = b.p99;
        targetThroughput = b.throughput;
        connectionsPerRequest = b.perRequest;
        requestThreads = b.threads;
        applicationInstances = b.instances;
        connectionBudget = b.budget;
    }

    /** CPU cores of the database server, at least 1. */
    public int databaseCores() {
        return databaseCores;
    }

    /** Disks that can seek at once; 0 when the working set is cached, about 1 for an SSD. */
    public int effectiveSpindles() {
        return effectiveSpindles;
    }

    /** Mean time one unit of work holds a connection, or null when unknown. */
    public @Nullable Duration meanStatementTime() {
        return meanStatementTime;
    }

    /** 99th percentile of that time, or null when unknown. */
    public @Nullable Duration p99StatementTime() {
        return p99StatementTime;
    }

    /** Units of work per second over all instances, 0 when unknown. */
    public double targetThroughput() {
        return targetThroughput;
    }

    /** Connections one request holds at the same time (Cm), at least 1. */
    public int connectionsPerRequest() {
        return connectionsPerRequest;
    }

    /** Threads per instance that may hold connections at once (Tn), 0 when unknown. */
    public int requestThreads() {
        return requestThreads;
    }

    /** Instances sharing the database, at least 1. */
    public int applicationInstances() {
        return applicationInstances;
    }

    /** Connections the database accepts for this application over all instances, 0 when unknown. */
    public int connectionBudget() {
        return connectionBudget;
    }

    @Override
    public String toString() {
        return "SizingInputs[databaseCores=" + databaseCores + ", effectiveSpindles=" + effectiveSpindles
                + ", meanStatementTime=" + meanStatementTime + ", p99StatementTime=" + p99StatementTime
                + ", targetThroughput=" + targetThroughput + ", connectionsPerRequest=" + connectionsPerRequest
                + ", requestThreads=" + requestThreads + ", applicationInstances=" + applicationInstances
                + ", connectionBudget=" + connectionBudget + "]";
    }

    /** A builder: 1 core, 1 spindle, 1 instance, 1 connection per request, nothing else known. */
    public static Builder builder() {
        return new Builder();
    }

    /** The deadlock floor Tn x (Cm - 1) + 1 when Tn is known and Cm is above 1. */
    OptionalInt deadlockFloor() {
        return requestThreads == 0 || connectionsPerRequest == 1
                ? OptionalInt.empty()
                : OptionalInt.of(requestThreads * (connectionsPerRequest - 1) + 1);
    }

    static int range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", but was " + value);
        }
        return value;
    }

    private static void positive(String name, @Nullable Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException(name + " must be above 0, but was " + value);
        }
    }

    /** Builds {@link SizingInputs}; each setter checks its value at once. */
    public static final class Builder {
        private int cores = 1;
        private int spindles = 1;
        private @Nullable Duration mean;
        private @Nullable Duration p99;
        private double throughput;
        private int perRequest = 1;
        private int threads;
        private int instances = 1;
        private int budget;

        private Builder() {}

        /** @throws IllegalArgumentException unless 1 to 4096 */
        public Builder databaseCores(int value) {
            cores = range("databaseCores", value, 1, 4096);
            return this;
        }

        /** @throws IllegalArgumentException unless 0 to 4096 */
        public Builder effectiveSpindles(int value) {
            spindles = range("effectiveSpindles", value, 0, 4096);
            return this;
        }

        /** @throws IllegalArgumentException unless above 0 */
        public Builder meanStatementTime(Duration value) {
            positive("meanStatementTime", Objects.requireNonNull(value, "meanStatementTime"));
            mean = value;
            return this;
        }

        /** @throws IllegalArgumentException unless above 0 */
        public Builder p99StatementTime(Duration value) {
            positive("p99StatementTime", Objects.requireNonNull(value, "p99StatementTime"));
            p99 = value;
            return this;
        }

        /** Units of work per second over all instances. @throws IllegalArgumentException when negative or not finite */
        public Builder targetThroughput(double perSecond) {
            if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException(
                        "targetThroughput must be a finite number >= 0, but was " + perSecond);
            }
            throughput = perSecond;
            return this;
        }

        /** @throws IllegalArgumentException unless 1 to 64 */
        public Builder connectionsPerRequest(int value) {
            perRequest = range("connectionsPerRequest", value, 1, 64);
            return this;
        }

        /** @throws IllegalArgumentException unless 0 to 1000000 */
        public Builder requestThreads(int value) {
            threads = range("requestThreads", value, 0, 1_000_000);
            return this;
        }

        /** @throws IllegalArgumentException unless 1 to 100000 */
        public Builder applicationInstances(int value) {
            instances = range("applicationInstances", value, 1, 100_000);
            return this;
        }

        /** Connections the database accepts for this application over all instances. @throws IllegalArgumentException when negative */
        public Builder connectionBudget(int value) {
            budget = range("connectionBudget", value, 0, 1_000_000);
            return this;
        }

        /** Sets the budget to what {@code limits} leaves free once every other application's connections are counted. */
        public Builder databaseLimits(DatabaseLimits limits, String ownApplicationName) {
            Objects.requireNonNull(limits, "limits");
            budget = Math.max(0, limits.availableTo(Objects.requireNonNull(ownApplicationName, "ownApplicationName")));
            return this;
        }

        /** The checked inputs. @throws IllegalArgumentException when p99 is below the mean */
        public SizingInputs build() {
            return new SizingInputs(this);
        }
    }
}
