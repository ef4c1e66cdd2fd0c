package dev.perfkit.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Redis Cluster of three primaries on loopback, each a redis-server of the fixture's own with its node file in a
 * temporary directory, joined by {@code redis-cli --cluster create}. Tests move a slot between primaries with
 * {@link #migrateSlot}, the way {@code redis-cli --cluster reshard} does, one slot at a time.
 *
 * <pre>{@code
 * try (RedisCluster cluster = Redis.startCluster()) {
 *   RedisClusterClient client = RedisClusterClient.create(cluster.uris().get(0));
 * }
 * }</pre>
 */
public final class RedisCluster implements AutoCloseable {
    private final String cli;
    private final List<RedisProcess> nodes;
    private final Path dir;

    private RedisCluster(String cli, List<RedisProcess> nodes, Path dir) {
        this.cli = cli;
        this.nodes = nodes;
        this.dir = dir;
    }

    static RedisCluster start(String executable, String cli) {
        Path dir;
        try {
            dir = Files.createTempDirectory("perfkit-redis-cluster");
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary directory for the cluster's node files", e);
        }
        List<RedisProcess> nodes = new ArrayList<>();
        RedisCluster cluster = new RedisCluster(cli, nodes, dir);
        try {
            for (int i = 0; i < 3; i++) {
                int port = clusterPort();
                RedisProcess node = new RedisProcess(
                        executable,
                        port,
                        List.of(
                                "--cluster-enabled",
                                "yes",
                                "--cluster-config-file",
                                dir.resolve("nodes-" + port + ".conf").toString(),
                                "--cluster-node-timeout",
                                "2000",
                                "--dir",
                                dir.toString()));
                nodes.add(node);
                node.start();
            }
            List<String> create = new ArrayList<>(List.of(cli, "--cluster", "create"));
            nodes.forEach(node -> create.add(node.host() + ":" + node.port()));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            Processes.run(create, false, 60);
            cluster.awaitConsistent();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw Services.missing("a Redis Cluster from redis-server and redis-cli --cluster create", e);
        }
    }

    /** The primaries, in start order. */
    public List<RedisServer> nodes() {
        return List.copyOf(nodes);
    }

    /** One {@code redis://host:port} URI per primary, the seeds for a cluster client. */
    public List<String> uris() {
        return nodes.stream().map(RedisServer::uri).toList();
    }

    /** Runs one command with redis-cli against {@code node} and returns its output, trimmed. */
    public String command(RedisServer node, String... args) {
        List<String> command = new ArrayList<>(List.of(cli, "-h", node.host(), "-p", Integer.toString(node.port())));
        command.addAll(List.of(args));
        return Processes.run(command, false, 30).trim();
    }

    /** Returns the primary that serves {@code slot} now. */
    public RedisServer ownerOf(int slot) {
        for (String line : command(nodes.get(0), "cluster", "nodes").lines().toList()) {
            String[] fields = line.split(" ", -1);
            if (fields.length < 9 || !fields[2].contains("master")) {
                continue;
            }
            for (int i = 8; i < fields.length; i++) {
                String range = fields[i];
                if (range.startsWith("[")) {
                    continue; // a slot being imported or migrated
                }
                String[] ends = range.split("-", -1);
                int from = Integer.parseInt(ends[0]);
                int to = ends.length > 1 ? Integer.parseInt(ends[1]) : from;
                if (slot >= from && slot <= to) {
                    int port =
                            Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@')));
                    return nodes.stream()
                            .filter(node -> node.port() == port)
                            .findFirst()
                            .orElseThrow();
                }
            }
        }
        throw new IllegalStateException("no primary serves slot " + slot);
    }

    /** Returns the slot of {@code key} as the server computes it ({@code CLUSTER KEYSLOT}). */
    public int slotOf(String key) {
        return Integer.parseInt(command(nodes.get(0), "cluster", "keyslot", key));
    }

    /**
     * Moves {@code slot} and its keys from the primary that serves it to the next one: {@code SETSLOT IMPORTING} and
     * {@code MIGRATING}, {@code MIGRATE} of every key, then {@code SETSLOT NODE} on every primary.
     *
     * @return the primary that serves the slot now
     */
    public RedisServer migrateSlot(int slot) {
        RedisServer source = ownerOf(slot);
        RedisServer target = nodes.get((nodes.indexOf(source) + 1) % nodes.size());
        String sourceId = command(source, "cluster", "myid");
        String targetId = command(target, "cluster", "myid");
        String s = Integer.toString(slot);
        command(target, "cluster", "setslot", s, "importing", sourceId);
        command(source, "cluster", "setslot", s, "migrating", targetId);
        while (true) {
            List<String> keys = command(source, "cluster", "getkeysinslot", s, "100")
                    .lines()
                    .filter(line -> !line.isBlank())
                    .toList();
            if (keys.isEmpty()) {
                break;
            }
            List<String> migrate = new ArrayList<>(
                    List.of("migrate", target.host(), Integer.toString(target.port()), "", "0", "5000", "keys"));
            migrate.addAll(keys);
            command(source, migrate.toArray(String[]::new));
        }
        for (RedisServer node : List.of(target, source)) {
            command(node, "cluster", "setslot", s, "node", targetId);
        }
        for (RedisServer node : nodes) {
            if (node != source && node != target) {
                command(node, "cluster", "setslot", s, "node", targetId);
            }
        }
        awaitConsistent();
        return target;
    }

    private void awaitConsistent() {
        long deadline = System.nanoTime() + 30_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            last = Processes.run(
                    List.of(
                            cli,
                            "--cluster",
                            "check",
                            nodes.get(0).host() + ":" + nodes.get(0).port()),
                    false,
                    30);
            boolean ok = last.contains("[OK] All nodes agree about slots configuration.")
                    && last.contains("[OK] All 16384 slots covered.")
                    && nodes.stream()
                            .allMatch(node -> command(node, "cluster", "info").contains("cluster_state:ok"));
            if (ok) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("the cluster did not become consistent within 30 s:\n" + last);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the cluster", e);
        }
    }

    /** A free loopback port whose cluster bus port (port + 10000) is free too. */
    private static int clusterPort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            if (free(port) && free(port + 10_000)) {
                return port;
            }
        }
        throw new IllegalStateException("no free pair of loopback ports (p, p + 10000) in 20000-40000");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        nodes.forEach(RedisProcess::close);
        try (var files = Files.walk(dir)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
