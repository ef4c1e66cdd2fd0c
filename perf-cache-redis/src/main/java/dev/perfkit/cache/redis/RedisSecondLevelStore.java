package dev.perfkit.cache.redis;

import dev.perfkit.cache.spi.EntryScope;
import dev.perfkit.cache.spi.SecondLevelRead;
import dev.perfkit.cache.spi.SecondLevelStore;
import dev.perfkit.cache.spi.ValueCodec;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * perf-cache's {@link SecondLevelStore} on Redis (standalone), with the fence protocol in Lua: a read returns the
 * value and the fence version (the sum of the key's, namespace's, tags' and global counters) in one round trip, and
 * {@link #putIfVersion} checks and writes in one atomic script. Tag, namespace and global invalidations are one
 * {@code INCR} each (no {@code KEYS}, no {@code SCAN}). A value remembers the counters it was stored under and the
 * sum they had, so a read after any of them moved is a miss.
 *
 * <p>The counters have no TTL: with a {@code maxmemory-policy} of {@code volatile-*} or {@code noeviction} Redis
 * never evicts them (an {@code allkeys-*} policy breaks the fence and is not supported). The global counter starts
 * at the server time in microseconds, so a Redis that lost its data does not hand out a fence version it handed out
 * before (unless more than a million invalidations a second ran since).
 *
 * <p>Every failure (Redis down, a timeout, a script error) completes the future exceptionally and is counted; the
 * cache treats it as a miss. A stored value that is foreign or corrupt is a counted miss, overwritten by the next load.
 */
final class RedisSecondLevelStore<K, V> implements SecondLevelStore<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSecondLevelStore.class);

    private final RedisAsyncCommands<String, byte[]> redis;
    private final RedisKeys layout;
    private final Function<? super K, String> keyText;
    private final ValueCodec<V> codec;
    private final String codecId;
    private final int maxValueBytes;
    private final long timeoutNanos;
    private final RedisCounters counters;

    RedisSecondLevelStore(
            RedisAsyncCommands<String, byte[]> redis,
            String prefix,
            Function<? super K, String> keyText,
            ValueCodec<V> codec,
            int maxValueBytes,
            Duration timeout,
            RedisCounters counters) {
        this.redis = redis;
        this.layout = new RedisKeys(prefix);
        this.keyText = keyText;
        this.codec = codec;
        this.codecId = RedisCodecs.idOf(codec);
        this.maxValueBytes = maxValueBytes;
        this.timeoutNanos = timeout.toNanos();
        this.counters = counters;
    }

    @Override
    public CompletableFuture<SecondLevelRead<V>> read(K key, EntryScope scope) {
        String text = keyText.apply(key);
        String[] keys = keys(text, scope);
        return this.<List<Object>>bounded(LuaScript.READ.run(redis, ScriptOutputType.MULTI, keys))
                .thenApply(reply -> decode(text, reply));
    }

    private SecondLevelRead<V> decode(String key, List<Object> reply) {
        long version = (Long) reply.get(0);
        if (reply.size() < 2 || !(reply.get(1) instanceof byte[] framed)) {
            counters.misses.increment();
            return SecondLevelRead.miss(version);
        }
        counters.bytesRead.add(framed.length);
        try {
            ValueFrame frame = ValueFrame.decode(codecId, framed);
            V value = codec.decode(frame.payload());
            counters.hits.increment();
            return SecondLevelRead.hit(value, frame.tags(), version);
        } catch (RuntimeException e) {
            counters.decodeFailures.increment();
            counters.misses.increment();
            LOG.debug("second-level value of {} does not decode; read as a miss", key, e);
            return SecondLevelRead.miss(version);
        }
    }

    @Override
    public CompletableFuture<Boolean> putIfVersion(K key, V value, Duration ttl, EntryScope scope, long version) {
        String text = keyText.apply(key);
        String[] keys = keys(text, scope);
        byte[] framed = frame(value, scope);
        if (framed == null) {
            return CompletableFuture.completedFuture(false);
        }
        byte[][] args = {ascii(Long.toString(version)), ascii(millis(ttl)), framed, names(keys)};
        return this.<Long>bounded(LuaScript.PUT_IF_VERSION.run(redis, ScriptOutputType.INTEGER, keys, args))
                .thenApply(stored -> {
                    if (stored == 1L) {
                        counters.bytesWritten.add(framed.length);
                        return true;
                    }
                    counters.refusedWrites.increment();
                    return false;
                });
    }

    @Override
    public CompletableFuture<Void> put(K key, V value, Duration ttl, EntryScope scope) {
        String text = keyText.apply(key);
        String[] keys = keys(text, scope);
        byte[] framed = frame(value, scope);
        if (framed == null) { // too large: still fence out loads in flight and drop the old value
            return invalidate(key);
        }
        byte[][] args = {ascii(millis(ttl)), framed, names(keys)};
        return this.<Long>bounded(LuaScript.PUT.run(redis, ScriptOutputType.INTEGER, keys, args))
                .thenApply(done -> {
                    counters.bytesWritten.add(framed.length);
                    return null;
                });
    }

    @Override
    public CompletableFuture<Void> invalidate(K key) {
        String text = keyText.apply(key);
        String[] keys = {layout.value(text), layout.keyCounter(text)};
        return this.<Long>bounded(LuaScript.INVALIDATE.run(redis, ScriptOutputType.INTEGER, keys))
                .thenApply(done -> null);
    }

    @Override
    public CompletableFuture<Void> invalidateTag(String tag) {
        return bounded(redis.incr(layout.tagCounter(tag)).toCompletableFuture()).thenApply(done -> null);
    }

    @Override
    public CompletableFuture<Void> invalidateNamespace(String namespace) {
        return bounded(redis.incr(layout.namespaceCounter(namespace)).toCompletableFuture())
                .thenApply(done -> null);
    }

    @Override
    public CompletableFuture<Void> invalidateAll() {
        String[] keys = {layout.global()};
        return this.<Long>bounded(LuaScript.INVALIDATE_ALL.run(redis, ScriptOutputType.INTEGER, keys))
                .thenApply(done -> null);
    }

    private String[] keys(String key, EntryScope scope) {
        List<String> fence = layout.counters(key, scope.namespace(), scope.tags());
        String[] keys = new String[fence.size() + 1];
        keys[0] = layout.value(key);
        for (int i = 0; i < fence.size(); i++) {
            keys[i + 1] = fence.get(i);
        }
        return keys;
    }

    /** Returns the encoded value, or {@code null} (counted) when it exceeds the limit. */
    private byte @org.jspecify.annotations.Nullable [] frame(V value, EntryScope scope) {
        byte[] payload = codec.encode(value);
        Set<String> tags = scope.tags();
        byte[] framed = ValueFrame.encode(codecId, tags, payload);
        if (framed.length > maxValueBytes) {
            counters.oversized.increment();
            return null;
        }
        return framed;
    }

    private static byte[] names(String[] keys) {
        return ascii(String.join("\n", List.of(keys).subList(1, keys.length)));
    }

    private static String millis(Duration ttl) {
        return Long.toString(Math.max(1, ttl.toMillis()));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private <T> CompletableFuture<T> bounded(CompletableFuture<T> future) {
        return future.orTimeout(timeoutNanos, TimeUnit.NANOSECONDS).whenComplete((done, error) -> {
            if (error != null) {
                counters.failures.increment();
            }
        });
    }
}
