package dev.perfkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class QueryStatsTest {

    @Test
    void statementsOfOneShapeAccumulateCallsTimeMaxAndRows() {
        QueryStats stats = QueryStats.create(10);
        stats.record("select * from t where id = 1", 100, 1);
        stats.record("select * from t where id = 2", 300, 1);
        stats.record("update t set a = 1", 50, 7);
        QueryStatsSnapshot snap = stats.snapshot();
        assertThat(snap.top()).hasSize(2);
        FingerprintStats first = snap.top().get(0);
        assertThat(first.fingerprint()).isEqualTo("select * from t where id = ?");
        assertThat(first.sampleSql()).isEqualTo("select * from t where id = 1");
        assertThat(first.calls()).isEqualTo(2);
        assertThat(first.totalNanos()).isEqualTo(400);
        assertThat(first.maxNanos()).isEqualTo(300);
        assertThat(first.meanTime().toNanos()).isEqualTo(200);
        assertThat(first.rows()).isEqualTo(2);
        assertThat(snap.top().get(1).rows()).isEqualTo(7);
        assertThat(snap.other().calls()).isZero();
    }

    @Test
    void memoryIsBoundedAndTheRestIsCountedUnderOther() {
        QueryStats stats = QueryStats.create(5);
        for (int table = 0; table < 1000; table++) {
            stats.record("select * from t" + table, table, 1);
        }
        QueryStatsSnapshot snap = stats.snapshot();
        assertThat(snap.top()).hasSize(5);
        assertThat(snap.top().get(0).fingerprint()).isEqualTo("select * from t999");
        assertThat(snap.other().fingerprint()).isEqualTo(FingerprintStats.OTHER);
        assertThat(snap.totalCalls()).isEqualTo(1000);
        assertThat(snap.other().calls()).isEqualTo(995);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> QueryStats.create(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topN")
                .hasMessageContaining("0");
        assertThatThrownBy(() -> QueryStats.create(5).record(null, 1, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FingerprintStats("f", "s", -1, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentRecordersLoseNoCallsOfTrackedFingerprints() throws Exception {
        QueryStats stats = QueryStats.create(50);
        int threads = 8;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Random random = new Random(42 + t);
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    stats.record("select * from t where id = " + random.nextInt(1000) + " and k = " + (i % 20), 10, 1);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        QueryStatsSnapshot snap = stats.snapshot();
        assertThat(snap.top()).hasSize(1);
        assertThat(snap.totalCalls()).isEqualTo((long) threads * perThread);
        assertThat(snap.top().get(0).totalNanos()).isEqualTo(10L * threads * perThread);
    }
}
