package dev.perfkit.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A primary, one replica and one sentinel (quorum 1, primary down after 1 s) on loopback, for failover tests. The
 * sentinel is {@code redis-server --sentinel} with a config file in a temporary directory.
 *
 * <pre>{@code
 * try (RedisSentinel sentinel = Redis.startSentinel()) {
 *   RedisClient client = RedisClient.create(sentinel.uri());  // redis-sentinel://127.0.0.1:port#perfkit
 *   sentinel.failover();
 * }
 * }</pre>
 */
public final class RedisSentinel implements AutoCloseable {
    /** The name the sentinel monitors the primary under. */
    public static final String MASTER = "perfkit";

    private final String cli;
    private final List<RedisProcess> servers;
    private final Path dir;
    private @org.jspecify.annotations.Nullable RedisProcess sentinel;

    private RedisSentinel(String cli, List<RedisProcess> servers, Path dir) {
        this.cli = cli;
        this.servers = servers;
        this.dir = dir;
    }

    static RedisSentinel start(String executable, String cli) {
        Path dir;
        try {
            dir = Files.createTempDirectory("perfkit-redis-sentinel");
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary directory for the sentinel's config", e);
        }
        RedisSentinel setup = new RedisSentinel(cli, new ArrayList<>(), dir);
        try {
            RedisProcess primary = new RedisProcess(executable, FreePort.find());
            setup.servers.add(primary);
            primary.start();
            RedisProcess replica = new RedisProcess(
                    executable,
                    FreePort.find(),
                    List.of("--replicaof", primary.host(), Integer.toString(primary.port())));
            setup.servers.add(replica);
            replica.start();
            setup.awaitReplication(primary);
            int port = FreePort.find();
            Path config = dir.resolve("sentinel.conf");
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "port " + port,
                            "bind 127.0.0.1",
                            "protected-mode no",
                            "dir " + dir,
                            "sentinel monitor " + MASTER + " 127.0.0.1 " + primary.port() + " 1",
                            "sentinel down-after-milliseconds " + MASTER + " 1000",
                            "sentinel failover-timeout " + MASTER + " 10000",
                            "sentinel parallel-syncs " + MASTER + " 1",
                            ""));
            RedisProcess sentinel =
                    new RedisProcess(executable, port, List.of(), List.of(config.toString(), "--sentinel"));
            setup.sentinel = sentinel;
            sentinel.start();
            setup.awaitPrimary(primary);
            return setup;
        } catch (IOException | RuntimeException e) {
            setup.close();
            throw Services.missing("a primary, a replica and redis-server --sentinel", e);
        }
    }

    /** The URI a Lettuce client connects through: {@code redis-sentinel://127.0.0.1:port#perfkit}. */
    public String uri() {
        RedisProcess s = java.util.Objects.requireNonNull(sentinel);
        return "redis-sentinel://" + s.host() + ":" + s.port() + "#" + MASTER;
    }

    /** Returns the server the sentinel names as primary now. */
    public RedisServer primary() {
        RedisProcess s = java.util.Objects.requireNonNull(sentinel);
        List<String> address =
                run(s, "sentinel", "get-master-addr-by-name", MASTER).lines().toList();
        int port = Integer.parseInt(address.get(1).trim());
        return servers.stream().filter(p -> p.port() == port).findFirst().orElseThrow();
    }

    /** The primary and the replica, in start order. */
    public List<RedisProcess> servers() {
        return List.copyOf(servers);
    }

    /**
     * Asks the sentinel to fail over ({@code SENTINEL FAILOVER}) and waits until the replica is the primary.
     *
     * @return the new primary
     */
    public RedisServer failover() {
        RedisServer old = primary();
        RedisProcess s = java.util.Objects.requireNonNull(sentinel);
        run(s, "sentinel", "failover", MASTER);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            RedisServer now = primary();
            if (now != old && run(now, "role").startsWith("master")) {
                return now;
            }
            sleep(50);
        }
        throw new IllegalStateException("the sentinel did not fail over within 30 s");
    }

    private void awaitReplication(RedisServer primary) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (run(primary, "info", "replication").contains("state=online")) {
                return;
            }
            sleep(50);
        }
        throw new IllegalStateException("the replica did not sync within 30 s");
    }

    private void awaitPrimary(RedisServer primary) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (primary() == primary
                        && run(java.util.Objects.requireNonNull(sentinel), "sentinel", "replicas", MASTER)
                                .contains(Integer.toString(servers.get(1).port()))) {
                    return;
                }
            } catch (RuntimeException e) {
                // the sentinel has not looked yet
            }
            sleep(50);
        }
        throw new IllegalStateException("the sentinel did not find the primary and its replica within 30 s");
    }

    private String run(RedisServer server, String... args) {
        List<String> command =
                new ArrayList<>(List.of(cli, "-h", server.host(), "-p", Integer.toString(server.port())));
        command.addAll(List.of(args));
        return Processes.run(command, false, 30).trim();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the sentinel", e);
        }
    }

    @Override
    public void close() {
        RedisProcess s = sentinel;
        if (s != null) {
            s.close();
        }
        servers.forEach(RedisProcess::close);
        try (var files = Files.walk(dir)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
