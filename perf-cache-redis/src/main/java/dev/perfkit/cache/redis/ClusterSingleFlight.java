package dev.perfkit.cache.redis;

import dev.perfkit.cache.Loader;
import dev.perfkit.cache.spi.EntryScope;
import dev.perfkit.cache.spi.SecondLevelRead;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Cluster-wide single-flight: a Redis lock per key, {@code SET <prefix>{<key>}:l <token> NX PX <ttl>}, so that of
 * the instances missing a key at once only one runs its loader. perf-cache's own single-flight already collapses
 * the callers of one instance, so one thread per instance takes part.
 *
 * <p>The token is 128 random bits, new for every attempt, and the lock is released only by a script that deletes
 * it if it still holds that token: an instance whose lock expired (its load outlived the ttl) and was taken by
 * another cannot free the other's lock, and neither can anyone who does not know the token. The holder releases
 * the lock once its fenced write-back ({@code putIfVersion}) answered, so a waiter that gets the lock next finds
 * the value in the second level; when there is no write-back (nothing loaded, a failed load, an invalidation that
 * detached the load) it releases when the load ends.
 *
 * <p>A waiter retries the lock with a backoff from 1 ms doubling up to 32 ms; once it has the lock, it reads the
 * second level again, returns what the holder stored, or loads itself if there is nothing (the holder died, its
 * lock expired, or its write-back was fenced out). After the bounded wait it loads locally; when Redis does not
 * answer it loads locally at once. Either way the load is written back through the same fence as any other, so
 * the lock changes how often the loader runs, never which values may be stored.
 */
final class ClusterSingleFlight<K, V> {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(32);

    /** KEYS: the lock. ARGV: the token. Deletes the lock only if it holds the token; returns 1 if it did. */
    static final LuaScript RELEASE = LuaScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

    private final RedisLink link;
    private final RedisKeys layout;
    private final Function<? super K, String> keyText;
    private final RedisSecondLevelStore<K, V> store;
    private final long ttlMillis;
    private final long maxWaitNanos;
    private final long timeoutNanos;
    private final ScheduledExecutorService timer;
    private final RedisCounters counters;
    /** The locks this instance holds, by key text, until released. */
    private final ConcurrentMap<String, Hold> held = new ConcurrentHashMap<>();

    ClusterSingleFlight(
            RedisLink link,
            RedisKeys layout,
            Function<? super K, String> keyText,
            RedisSecondLevelStore<K, V> store,
            Duration ttl,
            Duration maxWait,
            Duration timeout,
            ScheduledExecutorService timer,
            RedisCounters counters) {
        this.link = link;
        this.layout = layout;
        this.keyText = keyText;
        this.store = store;
        this.ttlMillis = ttl.toMillis();
        this.maxWaitNanos = maxWait.toNanos();
        this.timeoutNanos = timeout.toNanos();
        this.timer = timer;
        this.counters = counters;
    }

    /** A lock this instance took: released at most once, by whichever path gets there first. */
    static final class Hold {
        final String text;
        final String lock;
        final byte[] token;

        Hold(String text, String lock, byte[] token) {
            this.text = text;
            this.lock = lock;
            this.token = token;
        }
    }

    /** The lock one call of the cache took, if any: released after the call if nothing released it before. */
    static final class Call {
        volatile @Nullable Hold hold;
    }

    /** Returns {@code loader} run under the key's cluster lock; the lock it takes is recorded in {@code call}. */
    Loader<K, V> wrap(Loader<? super K, ? extends V> loader, Call call) {
        return key -> {
            Hold hold = null;
            try {
                Acquired<V> acquired = acquire(key);
                if (acquired.stored != null) {
                    return acquired.stored;
                }
                hold = acquired.hold;
                call.hold = hold;
                V value = loader.load(key);
                if (hold != null) { // the write-back releases it; this is for a load that writes nothing back
                    Hold mine = hold;
                    var unused = timer.schedule(() -> release(mine), timeoutNanos, TimeUnit.NANOSECONDS);
                }
                return value;
            } catch (Throwable t) { // a failed load writes nothing back: let the next instance try at once
                if (hold != null) {
                    release(hold);
                }
                throw t;
            }
        };
    }

    /** What {@link #acquire} got: the lock, or a value the holder stored while this instance waited, or neither. */
    private record Acquired<V>(
            @Nullable Hold hold, @Nullable V stored) {}

    private Acquired<V> acquire(K key) throws InterruptedException {
        String text = keyText.apply(key);
        String lock = layout.lock(text);
        long deadline = System.nanoTime() + maxWaitNanos;
        long backoff = FIRST_BACKOFF_NANOS;
        boolean waited = false;
        while (true) {
            byte[] token = token();
            Boolean taken = trySet(lock, token);
            if (taken == null) { // Redis down or late: load locally
                counters.lockFailures.increment();
                return new Acquired<>(null, null);
            }
            if (taken) {
                Hold hold = new Hold(text, lock, token);
                held.put(text, hold);
                counters.locksTaken.increment();
                if (waited) { // the holder may have stored the value: use it rather than load it again
                    V stored = readSecondLevel(key);
                    if (stored != null) {
                        release(hold);
                        return new Acquired<>(null, stored);
                    }
                }
                return new Acquired<>(hold, null);
            }
            if (!waited) {
                waited = true;
                counters.lockWaits.increment();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                counters.lockTimeouts.increment();
                return new Acquired<>(null, null);
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(backoff, left));
            backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
        }
    }

    /** Returns whether the lock was taken, or {@code null} if Redis did not answer in time. */
    private @Nullable Boolean trySet(String lock, byte[] token) throws InterruptedException {
        RedisClusterAsyncCommands<String, byte[]> redis = link.commands();
        if (redis == null) {
            return null;
        }
        try {
            String reply = redis.set(lock, token, SetArgs.Builder.nx().px(ttlMillis))
                    .toCompletableFuture()
                    .get(timeoutNanos, TimeUnit.NANOSECONDS);
            return "OK".equals(reply);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            counters.failures.increment();
            return null;
        }
    }

    private @Nullable V readSecondLevel(K key) throws InterruptedException {
        try {
            // The scope only picks which shared counters are read up front; a hit is checked against the counters
            // the value itself was stored under.
            SecondLevelRead<V> read = store.read(key, EntryScope.none()).get(timeoutNanos, TimeUnit.NANOSECONDS);
            return read.value();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return null; // counted by the store; this instance loads
        }
    }

    /** Releases the lock of {@code text}, if this instance holds one, once {@code write} completed either way. */
    void releaseAfter(String text, CompletableFuture<?> write) {
        Hold hold = held.remove(text); // claimed now, so no other path releases it before the write answered
        if (hold != null) {
            var unused = write.whenComplete((done, error) -> unlock(hold));
        }
    }

    /** Releases the lock a call took, unless the write-back (or a failure) already did. */
    void releaseLeftover(Call call) {
        Hold hold = call.hold;
        if (hold != null) {
            release(hold);
        }
    }

    /** Releases {@code hold} if nobody did yet; Redis deletes the lock only if it still holds its token. */
    void release(Hold hold) {
        if (held.remove(hold.text, hold)) {
            unlock(hold);
        }
    }

    private void unlock(Hold hold) {
        var unused = release(hold.lock, hold.token); // answers false at worst, never fails
    }

    /** Runs the compare-and-delete; answers whether the lock held {@code token} and was deleted. */
    CompletableFuture<Boolean> release(String lock, byte[] token) {
        RedisClusterAsyncCommands<String, byte[]> redis = link.commands();
        if (redis == null) {
            return CompletableFuture.completedFuture(false); // it expires by itself
        }
        return RELEASE.<Long>run(redis, ScriptOutputType.INTEGER, new String[] {lock}, token)
                .orTimeout(timeoutNanos, TimeUnit.NANOSECONDS)
                .handle((deleted, error) -> {
                    if (error != null) {
                        counters.failures.increment();
                        return false;
                    }
                    return deleted == 1L;
                });
    }

    private static byte[] token() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).getBytes(StandardCharsets.US_ASCII);
    }
}
