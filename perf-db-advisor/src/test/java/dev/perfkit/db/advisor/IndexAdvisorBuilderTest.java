package dev.perfkit.db.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexAdvisorBuilderTest {

    @Test
    void badSettingsAreRejectedNamingTheValueAndTheRange() {
        assertThatThrownBy(() -> IndexAdvisor.builder().maxIndexes(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxIndexes must be between 1 and 1000, but was 0");
        assertThatThrownBy(() -> IndexAdvisor.builder().maxTotalBytes(-1))
                .hasMessage("maxTotalBytes must be greater than 0, but was -1");
        assertThatThrownBy(() -> IndexAdvisor.builder().minImprovement(1.0))
                .hasMessage("minImprovement must be >= 0 and < 1, but was 1.0");
        assertThatThrownBy(() -> IndexAdvisor.builder().transactionTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageStartingWith("lockTimeout must be between 1 ms and 1 hour");
        assertThatThrownBy(() -> IndexAdvisor.builder().whatIf(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("mode");
        assertThatThrownBy(() -> IndexAdvisor.builder().listener(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("listener");
    }

    @Test
    void workloadQueriesValidateTheirValues() {
        assertThatThrownBy(() -> new WorkloadQuery("SELECT 1", 0, 0)).hasMessage("calls must be at least 1, but was 0");
        assertThatThrownBy(() -> new WorkloadQuery("SELECT 1", 1, Double.NaN))
                .hasMessage("totalTimeMillis must be a finite value >= 0, but was NaN");
        assertThat(Workload.fromSql("SELECT 1; SELECT 2")
                        .plus(Workload.of(List.of(WorkloadQuery.of("SELECT 3"))))
                        .queries())
                .extracting(WorkloadQuery::sql)
                .containsExactly("SELECT 1", "SELECT 2", "SELECT 3");
    }
}
