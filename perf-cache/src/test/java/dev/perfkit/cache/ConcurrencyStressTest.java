package dev.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Many threads, one hot key that writers update and invalidate, many cold keys nobody invalidates, fixed seeds.
 *
 * <p>The hot key's loader returns the row version it read. A writer bumps the version and then invalidates; once
 * the invalidation returned, its version is the floor: any later read must return at least that version. Cold
 * keys must be loaded exactly once, the hot key at most once per invalidation plus one. Some reads are getAll
 * calls on random subsets of keys (the hot one included at random), counted with the same loader counts.
 */
class ConcurrencyStressTest {
    private static final int THREADS = 8;
    private static final int OPS = 4_000;
    private static final int COLD_KEYS = 300;

    private final AtomicLong rowVersion = new AtomicLong();
    private final AtomicLong floor = new AtomicLong();
    private final AtomicInteger invalidations = new AtomicInteger();
    private final Map<String, AtomicInteger> loadsPerKey = new ConcurrentHashMap<>();

    @Test
    void noInvalidatedValueIsReturnedAndLoadsAreCounted() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            run(seed);
        }
    }

    private void run(long seed) throws Exception {
        rowVersion.set(0);
        floor.set(0);
        invalidations.set(0);
        loadsPerKey.clear();
        CacheAside<String, Long> cache = PerfCache.<String, Long>builder()
                .tagsOf(key -> key.equals("hot") ? List.of("hot-tag") : List.of())
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Random random = new Random(seed * 1_000 + t);
            workers.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < OPS; i++) {
                    int dice = random.nextInt(100);
                    if (dice < 15) {
                        long before = floor.get();
                        List<String> keys = randomKeys(random);
                        Map<String, Long> values = cache.getAll(keys, this::loadAll);
                        assertThat(values.keySet())
                                .as("seed %d", seed)
                                .containsExactlyInAnyOrderElementsOf(Set.copyOf(keys));
                        values.forEach((key, value) -> {
                            if (key.equals("hot")) {
                                assertThat(value)
                                        .as("seed %d: getAll returned a value invalidated before it began", seed)
                                        .isGreaterThanOrEqualTo(before);
                            } else {
                                assertThat(value).isEqualTo((long) key.hashCode());
                            }
                        });
                    } else if (dice < 55) {
                        long before = floor.get();
                        Long value = cache.get("hot", this::loadHot);
                        assertThat(value)
                                .as("seed %d: a value invalidated before this read began", seed)
                                .isGreaterThanOrEqualTo(before);
                    } else if (dice < 92) {
                        String key = "cold-" + random.nextInt(COLD_KEYS);
                        assertThat(cache.get(key, this::loadCold)).isEqualTo((long) key.hashCode());
                    } else {
                        long written = rowVersion.incrementAndGet();
                        invalidations.incrementAndGet();
                        if (random.nextBoolean()) {
                            cache.invalidate("hot");
                        } else {
                            cache.invalidateTag("hot-tag");
                        }
                        floor.accumulateAndGet(written, Math::max);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> worker : workers) {
            worker.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        loadsPerKey.forEach((key, loads) -> {
            if (key.startsWith("cold-")) {
                assertThat(loads.get()).as("seed %d: loads of %s", seed, key).isEqualTo(1);
            }
        });
        assertThat(loadsPerKey.get("hot").get())
                .as("seed %d: loads of the hot key", seed)
                .isBetween(1, invalidations.get() + 1);
    }

    private static List<String> randomKeys(Random random) {
        List<String> keys = new ArrayList<>();
        if (random.nextBoolean()) {
            keys.add("hot");
        }
        for (int n = 1 + random.nextInt(6); n > 0; n--) {
            keys.add("cold-" + random.nextInt(COLD_KEYS));
        }
        return keys;
    }

    private Map<String, Long> loadAll(Set<String> keys) {
        long version = rowVersion.get();
        Map<String, Long> values = new HashMap<>();
        for (String key : keys) {
            loadsPerKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            values.put(key, key.equals("hot") ? version : (long) key.hashCode());
        }
        Thread.yield();
        return values;
    }

    private Long loadHot(String key) {
        loadsPerKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        long version = rowVersion.get();
        Thread.yield(); // widen the window in which a writer can invalidate during the load
        return version;
    }

    private Long loadCold(String key) {
        loadsPerKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        Thread.yield();
        return (long) key.hashCode();
    }
}
