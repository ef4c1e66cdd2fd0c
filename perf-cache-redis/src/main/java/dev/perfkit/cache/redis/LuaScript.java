package dev.perfkit.cache.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
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
    /** Shared by the scripts: the global counter, created at the server's time in microseconds when missing. */
    private static final String FUNCTIONS = """
            local function global(key)
              local v = redis.call('GET', key)
              if not v then
                local t = redis.call('TIME')
                v = t[1] .. string.format('%06d', tonumber(t[2]))
                redis.call('SET', key, v)
              end
              return tonumber(v)
            end
            local function fence(first)
              local s = 0
              for i = first, #KEYS - 1 do
                local v = redis.call('GET', KEYS[i])
                if v then s = s + tonumber(v) end
              end
              return s + global(KEYS[#KEYS])
            end
            """;

    /** KEYS: value, counters (global last). Returns {fence, value or nil}; nil when a stored-with counter moved. */
    static final LuaScript READ = new LuaScript("""
            local f = fence(2)
            local h = redis.call('HMGET', KEYS[1], 'd', 's', 'c')
            if not h[1] then return {f, false} end
            local s = 0
            for c in string.gmatch(h[3], '[^\\n]+') do
              local v = redis.call('GET', c)
              if v then s = s + tonumber(v) end
            end
            if s ~= tonumber(h[2]) then return {f, false} end
            return {f, h[1]}
            """);

    /** KEYS: value, counters. ARGV: expected fence, ttl ms, bytes, counter names. Returns 1 if stored. */
    static final LuaScript PUT_IF_VERSION = new LuaScript("""
            local f = fence(2)
            if f ~= tonumber(ARGV[1]) then return 0 end
            redis.call('HSET', KEYS[1], 'd', ARGV[3], 's', string.format('%.0f', f), 'c', ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """);

    /** KEYS: value, counters (the key's first). ARGV: ttl ms, bytes, counter names. Bumps the key, then stores. */
    static final LuaScript PUT = new LuaScript("""
            redis.call('INCR', KEYS[2])
            local f = fence(2)
            redis.call('HSET', KEYS[1], 'd', ARGV[2], 's', string.format('%.0f', f), 'c', ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return 1
            """);

    /** KEYS: value, key counter. Bumps the key and drops its value. */
    static final LuaScript INVALIDATE = new LuaScript("""
            redis.call('INCR', KEYS[2])
            redis.call('DEL', KEYS[1])
            return 1
            """);

    /** KEYS: the global counter. Creates it if missing (so it never restarts from a small number), then bumps it. */
    static final LuaScript INVALIDATE_ALL = new LuaScript("""
            local f = fence(1)
            redis.call('INCR', KEYS[1])
            return 1
            """);

    private final String text;
    private final String sha;

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
            RedisAsyncCommands<String, byte[]> redis, ScriptOutputType type, String[] keys, byte[]... args) {
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
