package dev.perfkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class QueryScopeTest {
    /** Threads of this test's own, never the common pool: a blocked task there starves every later test. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "test-async");
        t.setDaemon(true);
        return t;
    });

    @Test
    void nestedScopesRecordIntoTheInnermostAndRestoreTheOuter() {
        try (QueryScope outer = QueryScope.open(10)) {
            try (QueryScope inner = QueryScope.open(10)) {
                assertThat(QueryScope.current()).containsSame(inner);
                inner.record("f", "select 1", QueryEventListener.NONE);
            }
            assertThat(QueryScope.current()).containsSame(outer);
            assertThat(outer.statementCount()).isZero();
        }
        assertThat(QueryScope.current()).isEmpty();
    }

    @Test
    void thresholdCrossingRaisesOneEventPerFingerprint() {
        List<NPlusOneEvent> seen = new ArrayList<>();
        QueryEventListener listener = new QueryEventListener() {
            @Override
            public void onNPlusOne(NPlusOneEvent event) {
                seen.add(event);
            }
        };
        try (QueryScope scope = QueryScope.open(2)) {
            for (int i = 0; i < 10; i++) {
                scope.record("select ?", "select " + i, listener);
                scope.record("other ?", "other " + i, listener);
            }
            assertThat(scope.nPlusOneEvents())
                    .extracting(NPlusOneEvent::fingerprint)
                    .containsExactly("select ?", "other ?");
            assertThat(scope.nPlusOneEvents().get(0).sampleSql()).isEqualTo("select 2");
            assertThat(scope.nPlusOneEvents().get(0).callSite()).contains("QueryScopeTest.thresholdCrossing");
            assertThat(scope.nPlusOneEvents()).extracting(NPlusOneEvent::count).containsExactly(10, 10);
            assertThat(seen).isEmpty();
            scope.record("select ?", "select last", listener);
        }
        assertThat(seen).extracting(NPlusOneEvent::fingerprint).containsExactly("select ?", "other ?");
        assertThat(seen).extracting(NPlusOneEvent::count).containsExactly(11, 10);
        assertThat(seen).extracting(NPlusOneEvent::scope).containsOnly("");
    }

    @Test
    void keptStatementsAreBoundedButAllAreCounted() {
        try (QueryScope scope = QueryScope.open(1_000_000)) {
            for (int i = 0; i < QueryScope.MAX_KEPT_STATEMENTS + 500; i++) {
                scope.record("f" + (i % 3), "s", QueryEventListener.NONE);
            }
            assertThat(scope.statements()).hasSize(QueryScope.MAX_KEPT_STATEMENTS);
            assertThat(scope.statementCount()).isEqualTo(QueryScope.MAX_KEPT_STATEMENTS + 500);
        }
    }

    @Test
    void aScopeIsClosedOnlyByItsOwnThread() throws Exception {
        QueryScope scope = QueryScope.open(3);
        try {
            CompletableFuture<Throwable> elsewhere = CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            scope.close();
                            return null;
                        } catch (IllegalStateException e) {
                            return e;
                        }
                    },
                    THREADS);
            assertThat(elsewhere.get())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("thread");
            assertThat(QueryScope.current()).containsSame(scope);
        } finally {
            scope.close();
        }
        assertThatThrownBy(() -> QueryScope.open(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLabelNamesTheScopeInItsEventsAndIsChecked() {
        List<NPlusOneEvent> seen = new ArrayList<>();
        QueryEventListener listener = new QueryEventListener() {
            @Override
            public void onNPlusOne(NPlusOneEvent event) {
                seen.add(event);
            }
        };
        try (QueryScope scope = QueryScope.open(1, "job nightly-report")) {
            scope.record("select ?", "select 1", listener);
            scope.record("select ?", "select 2", listener);
            assertThat(scope.label()).isEqualTo("job nightly-report");
        }
        assertThat(seen).singleElement().satisfies(e -> assertThat(e.scope()).isEqualTo("job nightly-report"));
        assertThatThrownBy(() -> QueryScope.open(1, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("label");
        assertThatThrownBy(() -> QueryScope.open(1, "x".repeat(501)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("501");
    }
}
