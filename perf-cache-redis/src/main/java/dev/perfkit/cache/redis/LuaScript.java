package dev.perfkit.cache.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One Lua script of the second level, run with {@code EVALSHA} and, when the server does not know it yet (first
 * use, or after a restart or {@code SCRIPT FLUSH}), once with {@code EVAL}, which also caches it on the server.
 */
final class LuaScript {
    /**
     * Shared by the scripts. A counter a write creates starts at the server's time in microseconds, so a counter
     * lost with its node's data never hands out a fence version it handed out before; reads see a missing key
     * counter as 0, which no fence of a created one can equal (it is a whole epoch of microseconds below).
     */
    private static final String FUNCTIONS = """
            local function now()
              local t = redis.call('TIME')
              return t[1] .. string.format('%06d', tonumber(t[2]))
            end
            local function bump(key)
              if redis.call('EXISTS', key) == 1 then return redis.call('INCR', key) end
              local v = now()
              redis.call('SET', key, v)
              return tonumber(v)
            end
            local function counter(key)
              local v = redis.call('GET', key)
              if v then return tonumber(v) end
              return 0
            end
            local function store(value, k, sum, ttl, bytes, names)
              local header = 'F1 ' .. string.format('%.0f', k) .. ' ' .. sum .. ' ' .. #names .. '\\n'
              redis.call('SET', value, header .. names .. bytes, 'PX', ttl)
            end
            """;

    /**
     * KEYS: shared counters of one slot, the global last. Creates the global counter when missing (at the server's
     * time), then returns every counter's value, 0 for a missing one.
     */
    static final LuaScript SHARED = new LuaScript("""
            local out = {}
            for i = 1, #KEYS - 1 do out[i] = counter(KEYS[i]) end
            local g = redis.call('GET', KEYS[#KEYS])
            if not g then
              g = now()
              redis.call('SET', KEYS[#KEYS], g)
            end
            out[#KEYS] = tonumber(g)
            return out
            """);

    /**
     * KEYS: value, key counter. ARGV: expected fence, shared sum now, ttl ms, bytes, shared counter names. Stores
     * (returns 1) only if the key counter plus the shared sum is still the fence.
     */
    static final LuaScript PUT_IF_VERSION = new LuaScript("""
            local k = counter(KEYS[2])
            if k + tonumber(ARGV[2]) ~= tonumber(ARGV[1]) then return 0 end
            store(KEYS[1], k, ARGV[2], ARGV[3], ARGV[4], ARGV[5])
            return 1
            """);

    /**
     * KEYS: pairs of value and key counter, all in one slot. ARGV: five per pair, as {@link #PUT_IF_VERSION} takes
     * them. Stores each value whose fence still holds; returns 1 or 0 per pair.
     */
    static final LuaScript PUT_ALL_IF_VERSION = new LuaScript("""
            local out = {}
            for i = 1, #KEYS, 2 do
              local j = (i - 1) / 2 * 5
              local k = counter(KEYS[i + 1])
              if k + tonumber(ARGV[j + 2]) ~= tonumber(ARGV[j + 1]) then
                out[#out + 1] = 0
              else
                store(KEYS[i], k, ARGV[j + 2], ARGV[j + 3], ARGV[j + 4], ARGV[j + 5])
                out[#out + 1] = 1
              end
            end
            return out
            """);

    /**
     * KEYS: value, key counter. ARGV: the key counter when the shared sum was read, shared sum, ttl ms, bytes, shared
     * counter names. If the key counter is unchanged it bumps it and stores (returns 1). If it moved (an invalidation
     * or another write landed between the two round trips of this put) it bumps it and drops the value (returns 0):
     * a late put never lands on top of an invalidation that returned before it.
     */
    static final LuaScript PUT = new LuaScript("""
            local was = counter(KEYS[2])
            local k = bump(KEYS[2])
            if was ~= tonumber(ARGV[1]) then
              redis.call('DEL', KEYS[1])
              return 0
            end
            store(KEYS[1], k, ARGV[2], ARGV[3], ARGV[4], ARGV[5])
            return 1
            """);

    /** KEYS: key counters, one slot. Returns each one's value, 0 for a missing one. */
    static final LuaScript KEY_COUNTERS = new LuaScript("""
            local out = {}
            for i = 1, #KEYS do out[i] = counter(KEYS[i]) end
            return out
            """);

    /** KEYS: value, key counter. Bumps the key and drops its value. */
    static final LuaScript INVALIDATE = new LuaScript("""
            bump(KEYS[2])
            redis.call('DEL', KEYS[1])
            return 1
            """);

    /** KEYS: the global counter. Creates it if missing (so it never restarts from a small number), then bumps it. */
    static final LuaScript INVALIDATE_ALL = new LuaScript("""
            bump(KEYS[1])
            return 1
            """);

    private final String text;
    private final String sha;

    /** Returns a script of {@code body}, with the shared functions in front. */
    static LuaScript of(String body) {
        return new LuaScript(body);
    }

    private LuaScript(String body) {
        this.text = FUNCTIONS + body;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            this.sha = HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    /** Runs the script; the future fails with the server's error, if any. */
    <T> CompletableFuture<T> run(
            RedisClusterAsyncCommands<String, byte[]> redis, ScriptOutputType type, String[] keys, byte[]... args) {
        CompletableFuture<T> result = new CompletableFuture<>();
        redis.<T>evalsha(sha, type, keys, args).whenComplete((done, error) -> {
            if (error instanceof RedisNoScriptException) {
                redis.<T>eval(text, type, keys, args)
                        .whenComplete((again, failure) -> complete(result, again, failure));
            } else {
                complete(result, done, error);
            }
        });
        return result;
    }

    private static <T> void complete(CompletableFuture<T> result, @Nullable T value, @Nullable Throwable error) {
        if (error != null) {
            result.completeExceptionally(error);
        } else {
            result.complete(value);
        }
    }
}
