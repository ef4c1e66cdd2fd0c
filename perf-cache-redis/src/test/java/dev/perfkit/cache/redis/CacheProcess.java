package dev.perfkit.cache.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A cache instance in a JVM of its own, started by the tests with {@link #start}. Modes:
 *
 * <ul>
 *   <li>{@code invalidate <redis> <name> <key>}: builds the cache, invalidates the key, exits.
 *   <li>{@code soak <redis> <database> <name> <seed> <millis> <out> <keys>}: random reads, writes and
 *       invalidations for a while against a "database" (a second redis-server holding one version counter per key),
 *       writing every read ({@code R key version start end}) and committed write ({@code W key version end}) to
 *       {@code out}, wall-clock milliseconds, for {@link StalenessChecker}.
 * </ul>
 */
final class CacheProcess {
    private CacheProcess() {}

    static Process start(Path log, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(
                List.of(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"), CacheProcess.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "invalidate" -> {
                try (RedisCache<String, String> cache = RedisCacheFaultTest.cache(args[1], args[2])) {
                    cache.cache().invalidate(args[3]);
                }
            }
            case "soak" ->
                soak(
                        args[1],
                        args[2],
                        args[3],
                        Long.parseLong(args[4]),
                        Long.parseLong(args[5]),
                        Path.of(args[6]),
                        Integer.parseInt(args[7]));
            default -> throw new IllegalArgumentException("mode must be invalidate or soak, but was " + args[0]);
        }
    }

    private static void soak(String redis, String database, String name, long seed, long millis, Path out, int keys)
            throws IOException {
        Random random = new Random(seed);
        RedisClient client = RedisClient.create(database);
        try (RedisCache<String, String> cache = RedisCacheFaultTest.cache(redis, name);
                var connection = client.connect();
                PrintWriter log = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            RedisCommands<String, String> db = connection.sync();
            long end = System.currentTimeMillis() + millis;
            while (System.currentTimeMillis() < end) {
                String key = "k" + random.nextInt(keys);
                int op = random.nextInt(100);
                if (op < 75) {
                    long start = System.currentTimeMillis();
                    String value = cache.cache().get(key, k -> {
                        String v = db.get(k);
                        return v == null ? "0" : v;
                    });
                    log.println("R " + key + " " + value + " " + start + " " + System.currentTimeMillis());
                } else if (op < 95) {
                    long version = db.incr(key); // the row changes, then the cache is told
                    cache.cache().invalidate(key);
                    log.println("W " + key + " " + version + " " + System.currentTimeMillis());
                } else {
                    cache.cache().invalidate(key);
                }
                sleep(random.nextInt(5));
            }
            log.println("S " + cache.stats());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
