package dev.perfkit.cache.redis;

import dev.perfkit.cache.spi.EntryScope;
import dev.perfkit.cache.spi.FencedWrite;
import dev.perfkit.cache.spi.SecondLevelRead;
import dev.perfkit.cache.spi.SecondLevelStore;
import dev.perfkit.cache.spi.ValueCodec;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * perf-cache's {@link SecondLevelStore} on Redis (standalone, Sentinel or Cluster), with the fence protocol in Lua.
 * The fence version of a key is its own counter plus the sum of its shared counters (namespace, tags, global). The
 * key's value and counter share a slot, so one {@code MGET} reads both and one script checks the counter and writes
 * the value atomically; the shared counters share another slot. A value is a string that remembers the key counter
 * and the shared sum it was stored under, with the shared counters' names ({@link FencedValue}); a read is a hit only
 * while both are unchanged. Reads run no script: on a standalone server (or Sentinel) one {@code MGET} reads the
 * shared counters, the key counter and the value together, so a second-level hit costs one plain command, as a raw
 * {@code GET} does. Tag, namespace and global invalidations are one {@code INCR} each (no
 * {@code KEYS}, no {@code SCAN}).
 *
 * <p>Why splitting the fence across two slots keeps the promise: every counter only grows, so a sum equals an
 * earlier sum only if none of its counters moved. A write-back reads the shared sum, then the script checks the key
 * counter plus that sum against the fence. An invalidation of a shared counter that lands after the check leaves a
 * value stored under the old sum, which every later read sees as changed: a miss, never a stale hit. An explicit
 * {@link #put} reads the key counter with the shared sum and stores only if the key counter has not moved since
 * (otherwise it drops the value): a put whose caller stopped waiting cannot land after an invalidation sent later.
 *
 * <p>The counters have no TTL: with a {@code maxmemory-policy} of {@code volatile-*} or {@code noeviction} Redis
 * never evicts them (an {@code allkeys-*} policy breaks the fence and is not supported). Counters start at the
 * server time in microseconds, so a node that lost its data does not hand out a fence version it handed out
 * before (unless more than a million invalidations a second ran since).
 *
 * <p>Every failure (Redis down, a timeout, a script error) completes the future exceptionally and is counted; the
 * cache treats it as a miss. A stored value that is foreign or corrupt is a counted miss, logged once per key
 * pattern, and overwritten by the next load. {@link #readAll} sends one {@code MGET} on a standalone server (or
 * through Sentinel), which reads the shared counters and every key together; on Cluster, one {@code MGET} per slot
 * plus one script for the shared counters, pipelined. {@link #putAllIfVersion} writes a bulk load back with one script for the shared
 * counters and one per slot.
 */
final class RedisSecondLevelStore<K, V> implements SecondLevelStore<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSecondLevelStore.class);
    private static final int MAX_LOGGED_PATTERNS = 1000;

    private final RedisLink link;
    private final RedisKeys layout;
    private final String sharedPrefix;
    private final Function<? super K, String> keyText;
    private final ValueCodec<V> codec;
    private final String codecId;
    private final int maxValueBytes;
    private final int compressAbove;
    private final long timeoutNanos;
    private final RedisCounters counters;
    private final Set<String> loggedPatterns = ConcurrentHashMap.newKeySet();
    private final Set<K> pendingKeys = ConcurrentHashMap.newKeySet();
    private final Set<String> pendingTags = ConcurrentHashMap.newKeySet();
    private final Set<String> pendingNamespaces = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean pendingAll = new AtomicBoolean();
    /**
     * Runs the second round trip of a write once the first one answered: directly, on the thread that completed it.
     * Tests hold it back to put an invalidation between the two trips.
     */
    volatile Executor secondTrip = Runnable::run;
    /** The cluster single-flight whose locks a write-back releases, when the builder turned it on. */
    volatile @Nullable ClusterSingleFlight<?, ?> singleFlight;

    RedisSecondLevelStore(
            RedisClusterAsyncCommands<String, byte[]> redis,
            String prefix,
            Function<? super K, String> keyText,
            ValueCodec<V> codec,
            int maxValueBytes,
            Duration timeout,
            RedisCounters counters) {
        this(RedisLink.of(redis, false), prefix, keyText, codec, maxValueBytes, Integer.MAX_VALUE, timeout, counters);
    }

    RedisSecondLevelStore(
            RedisLink link,
            String prefix,
            Function<? super K, String> keyText,
            ValueCodec<V> codec,
            int maxValueBytes,
            int compressAbove,
            Duration timeout,
            RedisCounters counters) {
        this.link = link;
        this.layout = new RedisKeys(prefix);
        this.sharedPrefix = prefix + "{=}:";
        this.keyText = keyText;
        this.codec = codec;
        this.codecId = RedisCodecs.idOf(codec);
        this.maxValueBytes = maxValueBytes;
        this.compressAbove = compressAbove;
        this.timeoutNanos = timeout.toNanos();
        this.counters = counters;
    }

    @Override
    public CompletableFuture<SecondLevelRead<V>> read(K key, EntryScope scope) {
        RedisClusterAsyncCommands<String, byte[]> redis = link.commands();
        if (redis == null || link.clustered()) {
            return readAll(Map.of(key, scope)).thenApply(found -> found.get(key));
        }
        if (hasPending()) { // sent first on the same connection, so this read sees them
            retryPending();
        }
        // readAll's MGET for one key, without the batch bookkeeping: a local miss is the common call
        String text = keyText.apply(key);
        List<String> names = layout.shared(scope.namespace(), scope.tags()); // the global counter last
        int n = names.size();
        String[] keys = names.toArray(new String[n + 2]);
        keys[n] = layout.keyCounter(text);
        keys[n + 1] = layout.value(text);
        return counted(withGlobal(redis, keys, n - 1).thenCompose(reply -> {
            Map<String, Long> read = new HashMap<>();
            for (int j = 0; j < n; j++) {
                read.put(keys[j], counter(reply.get(j)));
            }
            FencedValue stored =
                    FencedValue.parse(counter(reply.get(n)), reply.get(n + 1).getValueOrElse(null));
            return withStoredUnder(redis, read, List.of(stored)).thenApply(known -> decode(text, names, stored, known));
        }));
    }

    @Override
    public CompletableFuture<Map<K, SecondLevelRead<V>>> readAll(Map<K, EntryScope> keys) {
        RedisClusterAsyncCommands<String, byte[]> redis = link.commands();
        if (redis == null) {
            return bounded(RedisLink.notConnected());
        }
        if (hasPending()) { // sent first on the same connections, so this read sees them
            retryPending();
        }
        List<Wanted<K>> wanted = new ArrayList<>();
        Set<String> shared = new LinkedHashSet<>();
        Map<Integer, List<Wanted<K>>> slots = new LinkedHashMap<>();
        keys.forEach((key, scope) -> {
            String text = keyText.apply(key);
            List<String> names = layout.shared(scope.namespace(), scope.tags());
            Wanted<K> one = new Wanted<>(key, text, names);
            wanted.add(one);
            shared.addAll(names.subList(0, names.size() - 1));
            int slot = link.clustered() ? SlotHash.getSlot(layout.value(text)) : 0;
            slots.computeIfAbsent(slot, s -> new ArrayList<>()).add(one);
        });
        CompletableFuture<Map<String, Long>> counterValues;
        if (link.clustered()) {
            counterValues = sharedValues(redis, shared);
            slots.values().forEach(group -> {
                String[] pairs = new String[group.size() * 2];
                for (int i = 0; i < group.size(); i++) {
                    pairs[2 * i] = layout.keyCounter(group.get(i).text);
                    pairs[2 * i + 1] = layout.value(group.get(i).text);
                }
                // every key of the group is in one slot: one MGET on one node, atomic
                CompletableFuture<List<KeyValue<String, byte[]>>> batch =
                        redis.mget(pairs).toCompletableFuture();
                for (int i = 0; i < group.size(); i++) {
                    int at = 2 * i;
                    group.get(i).reply = batch.thenApply(reply -> FencedValue.parse(
                            counter(reply.get(at)), reply.get(at + 1).getValueOrElse(null)));
                }
            });
        } else {
            counterValues = readTogether(redis, shared, wanted);
        }
        // Waits on each key's own part (not the batches): a part completes after its batch, and join() below must
        // never block the connection's thread.
        CompletableFuture<Void> all =
                CompletableFuture.allOf(wanted.stream().map(one -> one.reply).toArray(CompletableFuture<?>[]::new));
        return counted(counterValues
                .thenCombine(all, (values, done) -> values)
                .thenCompose(values -> withStoredUnder(
                                redis,
                                values,
                                wanted.stream().map(Wanted::stored).toList())
                        .thenApply(known -> {
                            Map<K, SecondLevelRead<V>> found = new HashMap<>();
                            wanted.forEach(one -> found.put(one.key, decode(one.text, one.scope, one.stored(), known)));
                            return found;
                        })));
    }

    /**
     * Sends {@code MGET keys}, whose entry {@code global} is the global counter. That counter is created once per
     * prefix, at the server's time, by the first write or by {@link #sharedValues}; a read that finds it missing
     * creates it that way and reads again, so the version it returns fences the write-back of its load (a version
     * counted with a missing counter as 0 never equals one counted after it was created).
     */
    private CompletableFuture<List<KeyValue<String, byte[]>>> withGlobal(
            RedisClusterAsyncCommands<String, byte[]> redis, String[] keys, int global) {
        return redis.mget(keys)
                .toCompletableFuture()
                .thenCompose(reply -> reply.get(global).hasValue()
                        ? CompletableFuture.completedFuture(reply)
                        : sharedValues(redis, Set.of())
                                .thenCompose(created -> redis.mget(keys).toCompletableFuture()));
    }

    /**
     * Returns {@code known} with the shared counters the stored values were stored under that the read did not ask
     * for (their tags came from another instance's loader, say), read in one more round trip if there are any.
     */
    private CompletableFuture<Map<String, Long>> withStoredUnder(
            RedisClusterAsyncCommands<String, byte[]> redis, Map<String, Long> known, List<FencedValue> stored) {
        Set<String> unknown = new LinkedHashSet<>();
        for (FencedValue one : stored) {
            for (String name : storedUnder(one)) {
                if (!known.containsKey(name)) {
                    unknown.add(name);
                }
            }
        }
        unknown.remove(layout.global());
        if (unknown.isEmpty()) {
            return CompletableFuture.completedFuture(known);
        }
        return sharedValues(redis, unknown).thenApply(extra -> {
            Map<String, Long> merged = new HashMap<>(known);
            merged.putAll(extra);
            return merged;
        });
    }

    /**
     * A standalone server's read: the shared counters and every key in one {@code MGET}, atomic, with no script
     * (the Cluster layout needs one per slot group and one for the shared counters). Sets each key's part and
     * returns the shared values.
     */
    private CompletableFuture<Map<String, Long>> readTogether(
            RedisClusterAsyncCommands<String, byte[]> redis, Set<String> shared, List<Wanted<K>> wanted) {
        int n = shared.size() + 1;
        String[] keys = new String[n + 2 * wanted.size()];
        int i = 0;
        for (String name : shared) {
            keys[i++] = name;
        }
        keys[i++] = layout.global();
        for (Wanted<K> one : wanted) {
            keys[i++] = layout.keyCounter(one.text);
            keys[i++] = layout.value(one.text);
        }
        CompletableFuture<List<KeyValue<String, byte[]>>> batch = withGlobal(redis, keys, n - 1);
        for (int w = 0; w < wanted.size(); w++) {
            int at = n + 2 * w;
            wanted.get(w).reply = batch.thenApply(reply ->
                    FencedValue.parse(counter(reply.get(at)), reply.get(at + 1).getValueOrElse(null)));
        }
        return batch.thenApply(reply -> {
            Map<String, Long> values = new HashMap<>();
            for (int j = 0; j < n; j++) {
                values.put(keys[j], counter(reply.get(j)));
            }
            return values;
        });
    }

    /** A counter as {@code MGET} returns it: 0 when missing (as the scripts count it). */
    private static long counter(KeyValue<String, byte[]> reply) {
        byte[] digits = reply.getValueOrElse(null);
        if (digits == null) {
            return 0;
        }
        long value = FencedValue.digits(digits, 0, digits.length);
        if (value < 0) {
            throw new IllegalStateException(
                    "the fence counter " + reply.getKey() + " holds no decimal number: it is not perfkit's");
        }
        return value;
    }

    /** One key of a read: its text, its scope's shared counters, and what the read found for it. */
    private static final class Wanted<K> {
        final K key;
        final String text;
        final List<String> scope;
        CompletableFuture<FencedValue> reply = new CompletableFuture<>();

        Wanted(K key, String text, List<String> scope) {
            this.key = key;
            this.text = text;
            this.scope = scope;
        }

        FencedValue stored() {
            return reply.join();
        }
    }

    /** Reads shared counters (the global one is always added, last, and created if missing). */
    private CompletableFuture<Map<String, Long>> sharedValues(
            RedisClusterAsyncCommands<String, byte[]> redis, Set<String> names) {
        String[] keys = new String[names.size() + 1];
        int i = 0;
        for (String name : names) {
            keys[i++] = name;
        }
        keys[i] = layout.global();
        return LuaScript.SHARED
                .<List<Object>>run(redis, ScriptOutputType.MULTI, keys)
                .thenApply(reply -> {
                    Map<String, Long> values = new HashMap<>();
                    for (int j = 0; j < keys.length; j++) {
                        values.put(keys[j], (Long) reply.get(j));
                    }
                    return values;
                });
    }

    /** Returns the shared counters a stored value names, or none if there is no value or the names are bad. */
    private List<String> storedUnder(FencedValue stored) {
        String names = stored.names;
        if (names == null) {
            return List.of();
        }
        List<String> list = List.of(names.split("\n", -1));
        boolean ours = list.get(list.size() - 1).equals(layout.global())
                && list.stream().allMatch(name -> name.startsWith(sharedPrefix));
        return ours ? list : List.of();
    }

    private SecondLevelRead<V> decode(String key, List<String> scope, FencedValue stored, Map<String, Long> known) {
        long version = stored.keyCounter;
        for (String name : scope) {
            version += Objects.requireNonNull(known.get(name), name);
        }
        if (stored.bad != null) {
            return decodeFailure(key, stored.bad, version);
        }
        byte[] bytes = stored.bytes;
        if (bytes == null) {
            counters.misses.increment();
            return SecondLevelRead.miss(version);
        }
        List<String> under = storedUnder(stored);
        long sum = 0;
        for (String name : under) {
            Long value = known.get(name);
            if (value == null) {
                under = List.of();
                break;
            }
            sum += value;
        }
        if (under.isEmpty()) {
            return decodeFailure(key, "names no shared counters of this cache", version);
        }
        if (sum != stored.sum) { // a namespace, tag or global invalidation since it was stored
            counters.misses.increment();
            return SecondLevelRead.miss(version);
        }
        counters.bytesRead.add(bytes.length);
        try {
            ValueFrame frame = ValueFrame.decode(codecId, bytes, stored.frameAt, maxInflated());
            V value = codec.decode(frame.payload());
            counters.hits.increment();
            return SecondLevelRead.hit(value, frame.tags(), version);
        } catch (RuntimeException e) {
            return decodeFailure(key, e.getMessage(), version);
        }
    }

    private SecondLevelRead<V> decodeFailure(String key, @Nullable String why, long version) {
        counters.decodeFailures.increment();
        counters.misses.increment();
        String pattern = key.replaceAll("[0-9]+", "#");
        if (loggedPatterns.size() < MAX_LOGGED_PATTERNS && loggedPatterns.add(pattern)) {
            LOG.warn(
                    "a second-level value of a key like {} does not decode ({}); read as a miss and overwritten by"
                            + " the next load (logged once per key pattern)",
                    pattern,
                    why);
        } else {
            LOG.debug("second-level value of {} does not decode ({}); read as a miss", key, why);
        }
        return SecondLevelRead.miss(version);
    }

    @Override
    public CompletableFuture<Boolean> putIfVersion(K key, V value, Duration ttl, EntryScope scope, long version) {
        byte[] framed = frame(value, scope);
        RedisClusterAsyncCommands<String, byte[]> redis = link.commands();
        if (framed == null) {
            return CompletableFuture.completedFuture(false);
        }
        if (redis == null) {
            return bounded(RedisLink.notConnected());
        }
        String text = keyText.apply(key);
        List<String> shared = layout.shared(scope.namespace(), scope.tags());
        String[] keys = {layout.value(text), layout.keyCounter(text)};
        CompletableFuture<Boolean> written = bounded(sharedSum(redis, shared)
                        .thenComposeAsync(
                                sum -> {
                                    byte[][] args = {
                                        ascii(Long.toString(version)),
                                        ascii(Long.toString(sum)),
                                        ascii(millis(ttl)),
                                        framed,
                                        names(shared)
                                    };
                                    return LuaScript.PUT_IF_VERSION.<Long>run(
                                            redis, ScriptOutputType.INTEGER, keys, args);
                                },
                                secondTrip))
                .thenApply(stored -> {
                    if (stored == 1L) {
                        counters.bytesWritten.add(framed.length);
                        return true;
                    }
                    counters.refusedWrites.increment();
                    return false;
                });
        releaseLockAfter(text, written);
        return written;
    }

    /** Releases the cluster single-flight lock of {@code text}, if this instance holds it, once the write answered. */
    private void releaseLockAfter(String text, CompletableFuture<?> write) {
        ClusterSingleFlight<?, ?> flight = singleFlight;
        if (flight != null) {
            flight.releaseAfter(text, write);
        }
    }

    /**
     * Writes back a bulk load in two pipelined round trips whatever its size: one script reads the shared counters
     * of every write, then one script per slot (one in all on a standalone server) checks and stores each key's
     * value as {@link #putIfVersion} does. A value above the size limit is not sent (answered {@code false}).
     */
    @Override
    public CompletableFuture<Map<K, Boolean>> putAllIfVersion(Map<K, FencedWrite<V>> writes) {
        RedisClusterAsyncCommands<String, byte[]> redis = link.commands();
        if (redis == null) {
            return bounded(RedisLink.notConnected());
        }
        Map<K, Boolean> answers = new ConcurrentHashMap<>();
        Map<Integer, List<Framed<K>>> slots = new LinkedHashMap<>();
        Set<String> shared = new LinkedHashSet<>();
        writes.forEach((key, write) -> {
            byte[] framed = frame(write.value(), write.scope());
            if (framed == null) {
                answers.put(key, false);
                return;
            }
            String text = keyText.apply(key);
            List<String> names =
                    layout.shared(write.scope().namespace(), write.scope().tags());
            shared.addAll(names.subList(0, names.size() - 1));
            int slot = link.clustered() ? SlotHash.getSlot(layout.value(text)) : 0;
            slots.computeIfAbsent(slot, s -> new ArrayList<>()).add(new Framed<>(key, text, framed, write, names));
        });
        if (slots.isEmpty()) {
            return CompletableFuture.completedFuture(answers);
        }
        return bounded(sharedValues(redis, shared)
                .thenComposeAsync(
                        values -> CompletableFuture.allOf(slots.values().stream()
                                .map(group -> putGroup(redis, group, values, answers))
                                .toArray(CompletableFuture<?>[]::new)),
                        secondTrip)
                .thenApply(done -> answers));
    }

    /** One value of a batched write-back, encoded, with the shared counters of its scope. */
    private static final class Framed<K> {
        final K key;
        final String text;
        final byte[] framed;
        final FencedWrite<?> write;
        final List<String> shared;

        Framed(K key, String text, byte[] framed, FencedWrite<?> write, List<String> shared) {
            this.key = key;
            this.text = text;
            this.framed = framed;
            this.write = write;
            this.shared = shared;
        }
    }

    private CompletableFuture<Void> putGroup(
            RedisClusterAsyncCommands<String, byte[]> redis,
            List<Framed<K>> group,
            Map<String, Long> values,
            Map<K, Boolean> answers) {
        String[] keys = new String[group.size() * 2];
        byte[][] args = new byte[group.size() * 5][];
        for (int i = 0; i < group.size(); i++) {
            Framed<K> one = group.get(i);
            long sum = 0;
            for (String name : one.shared) {
                sum += Objects.requireNonNull(values.get(name), name);
            }
            keys[2 * i] = layout.value(one.text);
            keys[2 * i + 1] = layout.keyCounter(one.text);
            args[5 * i] = ascii(Long.toString(one.write.version()));
            args[5 * i + 1] = ascii(Long.toString(sum));
            args[5 * i + 2] = ascii(millis(one.write.ttl()));
            args[5 * i + 3] = one.framed;
            args[5 * i + 4] = names(one.shared);
        }
        return LuaScript.PUT_ALL_IF_VERSION
                .<List<Object>>run(redis, ScriptOutputType.MULTI, keys, args)
                .thenAccept(reply -> {
                    for (int i = 0; i < group.size(); i++) {
                        Framed<K> one = group.get(i);
                        boolean stored = Long.valueOf(1L).equals(reply.get(i));
                        if (stored) {
                            counters.bytesWritten.add(one.framed.length);
                        } else {
                            counters.refusedWrites.increment();
                        }
                        answers.put(one.key, stored);
                    }
                });
    }

    @Override
    public CompletableFuture<Void> put(K key, V value, Duration ttl, EntryScope scope) {
        byte[] framed = frame(value, scope);
        if (framed == null) { // too large: still fence out loads in flight and drop the old value
            return invalidate(key);
        }
        RedisClusterAsyncCommands<String, byte[]> redis = link.commands();
        if (redis == null) {
            return retried(bounded(RedisLink.notConnected()), () -> rememberKey(key));
        }
        String text = keyText.apply(key);
        List<String> shared = layout.shared(scope.namespace(), scope.tags());
        String[] keys = {layout.value(text), layout.keyCounter(text)};
        // Two round trips (the shared counters may live on another Cluster node), so the second one checks that the
        // key counter did not move since the first: a put whose caller gave up waiting must not land after an
        // invalidation sent later on the same connection.
        CompletableFuture<Long> sum = sharedSum(redis, shared);
        CompletableFuture<List<Object>> was =
                LuaScript.KEY_COUNTERS.run(redis, ScriptOutputType.MULTI, new String[] {keys[1]});
        return retried(
                        bounded(sum.thenCombine(was, (s, w) -> new long[] {s, (Long) w.get(0)})
                                .thenComposeAsync(
                                        read -> {
                                            byte[][] args = {
                                                ascii(Long.toString(read[1])),
                                                ascii(Long.toString(read[0])),
                                                ascii(millis(ttl)),
                                                framed,
                                                names(shared)
                                            };
                                            return LuaScript.PUT.<Long>run(redis, ScriptOutputType.INTEGER, keys, args);
                                        },
                                        secondTrip)),
                        () -> rememberKey(key))
                .thenApply(stored -> {
                    if (stored == 1L) {
                        counters.bytesWritten.add(framed.length);
                    } else {
                        counters.refusedWrites.increment();
                    }
                    return null;
                });
    }

    private CompletableFuture<Long> sharedSum(RedisClusterAsyncCommands<String, byte[]> redis, List<String> shared) {
        return sharedValues(redis, new LinkedHashSet<>(shared.subList(0, shared.size() - 1)))
                .thenApply(values ->
                        values.values().stream().mapToLong(Long::longValue).sum());
    }

    /**
     * Invalidations (and explicit writes) that did not reach Redis: Redis was down, hung or unreachable. They are
     * retried by {@link #retryPending()} (every heartbeat) until Redis takes them, so a stored value they cover is
     * never read again once Redis is back, by any instance. More than {@value #MAX_PENDING} pending keys turn into
     * one pending {@code invalidateAll}.
     */
    private static final int MAX_PENDING = 10_000;

    /** Whether invalidations wait to be retried. */
    boolean hasPending() {
        return pendingAll.get() || !pendingKeys.isEmpty() || !pendingTags.isEmpty() || !pendingNamespaces.isEmpty();
    }

    /** Retries the invalidations that failed; each is dropped from the list once Redis confirmed it. */
    void retryPending() {
        if (link.commands() == null) {
            return;
        }
        if (pendingAll.get()) {
            var unused = invalidateAll().thenRun(() -> {
                pendingAll.set(false);
                pendingKeys.clear();
                pendingTags.clear();
                pendingNamespaces.clear();
            });
            return;
        }
        for (K key : List.copyOf(pendingKeys)) {
            pendingKeys.remove(key);
            var unused = invalidate(key);
        }
        for (String tag : List.copyOf(pendingTags)) {
            pendingTags.remove(tag);
            var unused = invalidateTag(tag);
        }
        for (String namespace : List.copyOf(pendingNamespaces)) {
            pendingNamespaces.remove(namespace);
            var unused = invalidateNamespace(namespace);
        }
    }

    private <T> CompletableFuture<T> retried(CompletableFuture<T> call, Runnable remember) {
        return call.whenComplete((done, error) -> {
            if (error != null) {
                counters.pendingInvalidations.increment();
                remember.run();
            }
        });
    }

    private void rememberKey(K key) {
        if (pendingKeys.size() >= MAX_PENDING) {
            pendingAll.set(true);
        } else {
            pendingKeys.add(key);
        }
    }

    /** Whether this store's commands go through {@code other}, so a command sent there after one of ours runs after. */
    boolean sendsThrough(RedisLink other) {
        return link == other;
    }

    @Override
    public CompletableFuture<Void> invalidate(K key) {
        return retried(invalidateOnce(key), () -> rememberKey(key));
    }

    private CompletableFuture<Void> invalidateOnce(K key) {
        RedisClusterAsyncCommands<String, byte[]> redis = link.commands();
        if (redis == null) {
            return bounded(RedisLink.notConnected());
        }
        String text = keyText.apply(key);
        String[] keys = {layout.value(text), layout.keyCounter(text)};
        return this.<Long>bounded(LuaScript.INVALIDATE.run(redis, ScriptOutputType.INTEGER, keys))
                .thenApply(done -> null);
    }

    @Override
    public CompletableFuture<Void> invalidateTag(String tag) {
        return retried(invalidateTagOnce(tag), () -> pendingTags.add(tag));
    }

    private CompletableFuture<Void> invalidateTagOnce(String tag) {
        RedisClusterAsyncCommands<String, byte[]> redis = link.commands();
        if (redis == null) {
            return bounded(RedisLink.notConnected());
        }
        return bounded(redis.incr(layout.tagCounter(tag)).toCompletableFuture()).thenApply(done -> null);
    }

    @Override
    public CompletableFuture<Void> invalidateNamespace(String namespace) {
        return retried(invalidateNamespaceOnce(namespace), () -> pendingNamespaces.add(namespace));
    }

    private CompletableFuture<Void> invalidateNamespaceOnce(String namespace) {
        RedisClusterAsyncCommands<String, byte[]> redis = link.commands();
        if (redis == null) {
            return bounded(RedisLink.notConnected());
        }
        return bounded(redis.incr(layout.namespaceCounter(namespace)).toCompletableFuture())
                .thenApply(done -> null);
    }

    @Override
    public CompletableFuture<Void> invalidateAll() {
        return retried(invalidateAllOnce(), () -> pendingAll.set(true));
    }

    private CompletableFuture<Void> invalidateAllOnce() {
        RedisClusterAsyncCommands<String, byte[]> redis = link.commands();
        if (redis == null) {
            return bounded(RedisLink.notConnected());
        }
        String[] keys = {layout.global()};
        return this.<Long>bounded(LuaScript.INVALIDATE_ALL.run(redis, ScriptOutputType.INTEGER, keys))
                .thenApply(done -> null);
    }

    /** Returns the encoded value, or {@code null} (counted) when it exceeds the limit. */
    private byte @Nullable [] frame(V value, EntryScope scope) {
        byte[] payload = codec.encode(value);
        byte[] framed = ValueFrame.encode(codecId, scope.tags(), payload, compressAbove);
        if (framed.length > maxValueBytes) {
            counters.oversized.increment();
            return null;
        }
        if (framed.length < payload.length) {
            counters.compressed.increment();
        }
        return framed;
    }

    /** The largest payload a deflated value may inflate to: 32 times the stored limit, at most 1 GiB. */
    private int maxInflated() {
        return (int) Math.min(1L << 30, 32L * maxValueBytes);
    }

    private static byte[] names(List<String> shared) {
        return ascii(String.join("\n", shared));
    }

    private static String millis(Duration ttl) {
        return Long.toString(Math.max(1, ttl.toMillis()));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private <T> CompletableFuture<T> bounded(CompletableFuture<T> future) {
        return counted(future.orTimeout(timeoutNanos, TimeUnit.NANOSECONDS));
    }

    /**
     * Counts a failure of a read. Reads need no timer of their own (one per read would wake a timer thread every
     * time): Lettuce times out each command they send, and the cache waits at most its second-level timeout.
     */
    private <T> CompletableFuture<T> counted(CompletableFuture<T> future) {
        return future.whenComplete((done, error) -> {
            if (error != null) {
                counters.failures.increment();
            }
        });
    }
}
