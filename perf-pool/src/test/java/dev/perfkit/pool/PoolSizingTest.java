package dev.perfkit.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolSizingTest {

    @Test
    void coresTimesTwoPlusSpindlesWhenNothingElseIsKnown() {
        SizingResult r = PoolSizing.recommend(
                SizingInputs.builder().databaseCores(2).effectiveSpindles(1).build());
        assertThat(r.maximumPoolSize()).isEqualTo(5);
        assertThat(r.explain()).contains("2 cores x 2 + 1 effective spindles = 5");
    }

    @Test
    void littlesLawLowersTheSizeWhenTheWorkloadNeedsLess() {
        SizingResult r = PoolSizing.recommend(SizingInputs.builder()
                .databaseCores(16)
                .effectiveSpindles(0)
                .meanStatementTime(Duration.ofMillis(10))
                .p99StatementTime(Duration.ofMillis(50))
                .targetThroughput(400)
                .build());
        // 400/s x 10 ms = 4 busy, +25% = 5, below 32 from the cores rule.
        assertThat(r.maximumPoolSize()).isEqualTo(5);
        assertThat(r.reasoning())
                .anyMatch(line -> line.startsWith("Little's law: 400.0/s x 10.0 ms mean hold = 4.00 busy"));
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void aTargetAboveWhatTheDatabaseServesIsWarnedAboutAndCapped() {
        SizingResult r = PoolSizing.recommend(SizingInputs.builder()
                .databaseCores(2)
                .effectiveSpindles(1)
                .meanStatementTime(Duration.ofMillis(20))
                .targetThroughput(2_000)
                .build());
        assertThat(r.maximumPoolSize()).isEqualTo(5);
        assertThat(r.warnings()).singleElement().asString().contains("needs 40 busy connections");
    }

    @Test
    void instancesShareTheDatabaseAndTheBudgetCapsTheSize() {
        SizingResult r = PoolSizing.recommend(SizingInputs.builder()
                .databaseCores(32)
                .effectiveSpindles(0)
                .applicationInstances(4)
                .connectionBudget(40)
                .build());
        // 64 / 4 = 16 per instance, capped by 40 / 4 = 10.
        assertThat(r.maximumPoolSize()).isEqualTo(10);
        assertThat(r.explain()).contains("cluster-wide cap: 40 connections available / 4 instances = 10 per instance");
    }

    @Test
    void deadlockFloorRaisesTheSizeWhenRequestsHoldSeveralConnections() {
        SizingResult r = PoolSizing.recommend(SizingInputs.builder()
                .databaseCores(2)
                .effectiveSpindles(0)
                .requestThreads(8)
                .connectionsPerRequest(3)
                .build());
        assertThat(r.maximumPoolSize()).isEqualTo(17);
        assertThat(r.explain()).contains("8 threads x (3 connections per request - 1) + 1 = 17");
    }

    @Test
    void deadlockFloorAboveTheBudgetIsWarned() {
        SizingResult r = PoolSizing.recommend(SizingInputs.builder()
                .databaseCores(2)
                .requestThreads(50)
                .connectionsPerRequest(2)
                .connectionBudget(20)
                .build());
        assertThat(r.maximumPoolSize()).isEqualTo(20);
        assertThat(r.warnings()).anyMatch(w -> w.contains("deadlock floor 51 exceeds"));
    }

    @Test
    void liveLimitsBecomeTheBudget() {
        DatabaseLimits limits = DatabaseLimits.of(100, 3, Map.of("app", 10, "reporting", 17));
        assertThat(limits.availableTo("app")).isEqualTo(80);
        assertThat(SizingInputs.builder().databaseLimits(limits, "app").build().connectionBudget())
                .isEqualTo(80);
    }

    @Test
    void measurementsPickTheSmallestSizeWithinToleranceOfTheBest() {
        SizingResult r = PoolSizing.fromMeasurements(
                Map.of(2, 1111.0, 4, 2027.0, 8, 2732.0, 16, 3783.0, 32, 4143.0, 64, 3699.0), 0.10);
        assertThat(r.maximumPoolSize()).isEqualTo(16);
        assertThat(r.explain())
                .contains("measured: 2: 1111/s, 4: 2027/s")
                .contains("best: 32 at 4143/s")
                .contains("within 10% of it: 16");
    }

    @Test
    void badMeasurementsAreRefused() {
        assertThatThrownBy(() -> PoolSizing.fromMeasurements(Map.of(), 0.1)).hasMessageContaining("at least one");
        assertThatThrownBy(() -> PoolSizing.fromMeasurements(Map.of(4, 10.0), 0.9))
                .hasMessage("tolerance must be between 0 and 0.5, but was 0.9");
        assertThatThrownBy(() -> PoolSizing.fromMeasurements(Map.of(0, 10.0), 0.1))
                .hasMessageContaining("maximumPoolSize");
        assertThatThrownBy(() -> PoolSizing.fromMeasurements(Map.of(4, -1.0), 0.1))
                .hasMessageContaining("throughput at size 4");
    }

    @Test
    void badInputsNameTheValueAndRange() {
        assertThatThrownBy(() -> SizingInputs.builder().databaseCores(0))
                .hasMessage("databaseCores must be between 1 and 4096, but was 0");
        assertThatThrownBy(() -> SizingInputs.builder().effectiveSpindles(-1))
                .hasMessageContaining("effectiveSpindles");
        assertThatThrownBy(() -> SizingInputs.builder().targetThroughput(-5)).hasMessageContaining("targetThroughput");
        assertThatThrownBy(() -> SizingInputs.builder().targetThroughput(Double.NaN))
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> SizingInputs.builder().meanStatementTime(Duration.ZERO))
                .hasMessageContaining("meanStatementTime");
        assertThatThrownBy(() -> SizingInputs.builder().applicationInstances(0))
                .hasMessageContaining("applicationInstances");
        assertThatThrownBy(() -> SizingInputs.builder().connectionsPerRequest(0))
                .hasMessageContaining("connectionsPerRequest");
        assertThatThrownBy(() -> SizingInputs.builder().connectionBudget(-1)).hasMessageContaining("connectionBudget");
        assertThatThrownBy(() -> SizingInputs.builder()
                        .meanStatementTime(Duration.ofMillis(10))
                        .p99StatementTime(Duration.ofMillis(5))
                        .build())
                .hasMessageContaining("p99StatementTime must be at least");
    }
}
