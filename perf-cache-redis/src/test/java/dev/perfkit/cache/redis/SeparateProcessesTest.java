package dev.perfkit.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.testsupport.Redis;
import dev.perfkit.testsupport.RedisProcess;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Cache instances in JVMs of their own, sharing one private redis-server, as the application's instances would. */
class SeparateProcessesTest {
    @TempDir
    Path dir;

    @Test
    void aWriteInAnotherProcessInvalidatesThisOne() throws Exception {
        try (RedisProcess redis = Redis.startPrivate()) {
            String name = "jvm-" + UUID.randomUUID();
            try (RedisCache<String, String> here = RedisCacheFaultTest.cache(redis.uri(), name)) {
                assertThat(here.cache().get("k", k -> "old")).isEqualTo("old");
                Process other = CacheProcess.start(dir.resolve("other.log"), "invalidate", redis.uri(), name, "k");
                assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(other.exitValue())
                        .as(Files.readString(dir.resolve("other.log")))
                        .isZero();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (here.cache().getIfPresent("k") != null) {
                    assertThat(System.nanoTime()).isLessThan(deadline);
                    Thread.sleep(10);
                }
                assertThat(here.stats().invalidationsReceived()).isEqualTo(1);
                assertThat(here.cache().get("k", k -> "new")).isEqualTo("new");
            }
        }
    }

    /**
     * Three processes read, write and invalidate at random for a bounded time while this JVM kills subscriptions,
     * pauses Redis (SIGSTOP/SIGCONT) and restarts it; no read may return a value superseded longer than the window.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aSeededSoakWithFaultsServesNothingStalerThanTheWindow() throws Exception {
        long seed = Long.getLong("perfkit.soak.seed", 20261201L);
        long millis = Long.getLong("perfkit.soak.millis", 20_000L);
        Random random = new Random(seed);
        try (RedisProcess redis = Redis.startPrivate();
                RedisProcess database = Redis.startPrivate()) {
            String name = "soak-" + UUID.randomUUID();
            List<Process> processes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                processes.add(CacheProcess.start(
                        dir.resolve("soak-" + i + ".log"),
                        "soak",
                        redis.uri(),
                        database.uri(),
                        name,
                        Long.toString(seed + i),
                        Long.toString(millis),
                        dir.resolve("soak-" + i + ".out").toString(),
                        "20"));
            }
            List<String> faults = new ArrayList<>();
            long end = System.currentTimeMillis() + millis;
            Thread.sleep(2_000); // the JVMs start
            while (System.currentTimeMillis() < end - 2_000) {
                Thread.sleep(500 + random.nextInt(1_500));
                switch (random.nextInt(3)) {
                    case 0 -> {
                        faults.add("kill pubsub");
                        RedisClient admin = TestRedis.client(redis);
                        try (var connection = admin.connect()) {
                            connection.sync().clientKill(KillArgs.Builder.typePubsub());
                        } finally {
                            admin.shutdown();
                        }
                    }
                    case 1 -> {
                        faults.add("pause");
                        redis.pause();
                        Thread.sleep(100 + random.nextInt(200));
                        redis.resume();
                    }
                    default -> {
                        faults.add("restart");
                        redis.stop();
                        Thread.sleep(100 + random.nextInt(200));
                        redis.start();
                    }
                }
            }
            StalenessChecker checker = new StalenessChecker();
            for (int i = 0; i < processes.size(); i++) {
                Process process = processes.get(i);
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(process.exitValue())
                        .as(Files.readString(dir.resolve("soak-" + i + ".log")))
                        .isZero();
                checker.load(dir.resolve("soak-" + i + ".out"));
            }
            // The window of RedisCache's Javadoc is 3h + t; a pause adds its length (reads wait for Redis, then the
            // invalidations queued during it land first), so the checker allows the longest pause on top.
            long window = RedisCacheFaultTest.WINDOW.toMillis() + 300;
            long[] result = checker.check(window);
            System.out.printf(
                    "soak seed=%d: %d reads, %d writes, faults %s; reads staler than %d ms: %d; largest staleness %d"
                            + " ms%n%s%n",
                    seed, checker.reads(), checker.writes(), faults, window, result[0], result[1], checker.stats());
            assertThat(checker.reads()).isGreaterThan(1_000);
            assertThat(checker.writes()).isGreaterThan(100);
            assertThat(result[0]).as("reads staler than the window").isZero();
        }
    }
}
