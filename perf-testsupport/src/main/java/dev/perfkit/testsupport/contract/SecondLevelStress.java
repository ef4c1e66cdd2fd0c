package dev.perfkit.testsupport.contract;

import dev.perfkit.cache.CacheAside;
import dev.perfkit.cache.PerfCache;
import dev.perfkit.cache.spi.SecondLevelStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * A seeded stress run of two cache instances sharing one second level, with an invariant checker.
 *
 * <p>Each key has a row version (the "database"). A writer bumps the versions it changes, then invalidates (by key,
 * tag, namespace or everything) or puts; once that returned, the versions are the floor of those keys. Loaders
 * return {@code key@version}. The invariant: a read that began after the floor was raised returns a version at
 * least the floor, that is, no read returns a value loaded before an invalidation that returned before the read
 * began. Small local tiers force second-level reads; a share of reads and write-backs fail at random.
 */
final class SecondLevelStress {
    static final int THREADS = 6;
    static final int OPS_PER_THREAD = 1_000;
    private static final int KEYS = 24;

    private final AtomicLongArray rows = new AtomicLongArray(KEYS);
    private final AtomicLongArray floors = new AtomicLongArray(KEYS);
    /** Writes of one row are serialized, as the database's row lock does; reads take no lock. */
    private final ReentrantLock[] rowLocks = new ReentrantLock[KEYS];

    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final long seed;

    private SecondLevelStress(long seed) {
        this.seed = seed;
        for (int k = 0; k < KEYS; k++) {
            rowLocks[k] = new ReentrantLock();
        }
    }

    /** Runs one seed against {@code store}; returns the violations found (empty when the promise held). */
    static List<String> run(long seed, SecondLevelStore<String, String> store) throws Exception {
        return new SecondLevelStress(seed).run(store);
    }

    private List<String> run(SecondLevelStore<String, String> store) throws Exception {
        FaultyStore<String, String> faulty = new FaultyStore<>(store, new Random(seed), 3);
        DirectBus<String> bus = new DirectBus<>();
        List<CacheAside<String, String>> nodes = List.of(node("a", faulty, bus), node("b", faulty, bus));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Random random = new Random(seed * 7_919 + t);
            workers.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < OPS_PER_THREAD; i++) {
                    step(random, nodes.get(random.nextInt(nodes.size())));
                }
                return null;
            }));
        }
        start.countDown();
        try {
            for (Future<?> worker : workers) {
                worker.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
            nodes.forEach(CacheAside::close);
        }
        return List.copyOf(violations);
    }

    private CacheAside<String, String> node(
            String name, SecondLevelStore<String, String> store, DirectBus<String> bus) {
        return PerfCache.<String, String>builder()
                .name(name + "-" + seed)
                .executor(Runnable::run)
                .maximumSize(6)
                .expireAfterWrite(Duration.ofMinutes(10))
                .namespaceOf(SecondLevelStress::namespaceOf)
                .tagsOf(key -> List.of(tagOf(key)))
                .secondLevel(store)
                .invalidationBus(bus)
                .build();
    }

    private void step(Random random, CacheAside<String, String> cache) {
        int dice = random.nextInt(100);
        int k = random.nextInt(KEYS);
        if (dice < 45) {
            long floor = floors.get(k);
            check("get", k, floor, cache.get(key(k), this::load));
        } else if (dice < 60) {
            List<Integer> some = new ArrayList<>();
            Map<Integer, Long> before = new HashMap<>();
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                int j = random.nextInt(KEYS);
                some.add(j);
                before.put(j, floors.get(j));
            }
            Map<String, String> values =
                    cache.getAll(some.stream().map(SecondLevelStress::key).toList(), this::loadAll);
            before.forEach((j, floor) -> check("getAll", j, floor, values.get(key(j))));
        } else if (dice < 65) {
            long floor = floors.get(k);
            check("getAsync", k, floor, cache.getAsync(key(k), this::load).join());
        } else if (dice < 70) {
            write(j -> j == k, () -> cache.put(key(k), key(k) + "@" + rows.get(k)));
        } else if (dice < 82) {
            write(j -> j == k, () -> cache.invalidate(key(k)));
        } else if (dice < 91) {
            String tag = tagOf(key(k));
            write(j -> tagOf(key(j)).equals(tag), () -> cache.invalidateTag(tag));
        } else if (dice < 98) {
            String namespace = namespaceOf(key(k));
            write(j -> namespaceOf(key(j)).equals(namespace), () -> cache.invalidateNamespace(namespace));
        } else {
            write(j -> true, cache::invalidateAll);
        }
    }

    /**
     * A writer: locks the rows it covers (in index order), bumps their versions (the database write), then runs
     * {@code afterWrite} (the invalidation or put) and, once that returned, raises the floors to the new versions.
     */
    private void write(IntPredicate covered, Runnable afterWrite) {
        List<ReentrantLock> held = new ArrayList<>();
        try {
            long[] versions = new long[KEYS];
            for (int j = 0; j < KEYS; j++) {
                versions[j] = -1;
                if (covered.test(j)) {
                    rowLocks[j].lock();
                    held.add(rowLocks[j]);
                    versions[j] = rows.incrementAndGet(j);
                }
            }
            afterWrite.run();
            for (int j = 0; j < KEYS; j++) {
                if (versions[j] >= 0) {
                    floors.accumulateAndGet(j, versions[j], Math::max);
                }
            }
        } finally {
            held.forEach(ReentrantLock::unlock);
        }
    }

    private void check(String op, int k, long floor, @Nullable String value) {
        if (value == null) {
            violations.add("seed " + seed + ": " + op + " of " + key(k) + " returned null");
            return;
        }
        long version = Long.parseLong(value.substring(value.indexOf('@') + 1));
        if (version < floor) {
            violations.add("seed " + seed + ": " + op + " of " + key(k) + " returned version " + version
                    + " although an invalidation that returned before the read began set the floor at " + floor);
        }
    }

    @SuppressWarnings("ThreadPriorityCheck") // yielding widens the race window on purpose
    private String load(String key) {
        long version = rows.get(index(key));
        Thread.yield(); // widen the window in which a writer invalidates during the load
        return key + "@" + version;
    }

    @SuppressWarnings("ThreadPriorityCheck") // yielding widens the race window on purpose
    private Map<String, String> loadAll(Set<String> keys) {
        Map<String, String> values = new HashMap<>();
        for (String key : keys) {
            values.put(key, key + "@" + rows.get(index(key)));
        }
        Thread.yield();
        return values;
    }

    static String key(int k) {
        return "ns" + (k % 2) + ":k" + k;
    }

    private static int index(String key) {
        return Integer.parseInt(key.substring(key.indexOf(":k") + 2));
    }

    static String namespaceOf(String key) {
        return key.substring(0, key.indexOf(':'));
    }

    static String tagOf(String key) {
        return "team:" + (index(key) % 3);
    }
}
