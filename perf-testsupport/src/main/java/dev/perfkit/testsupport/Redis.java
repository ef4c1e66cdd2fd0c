package dev.perfkit.testsupport;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The entry point to Redis in tests.
 *
 * <p>{@link #shared()} is {@code PERFKIT_REDIS_URL} when set, otherwise a redis-server from {@code PATH}
 * started once per JVM on a free port. {@link #startPrivate()} always starts one of the caller's own.
 * Tests on the shared server keep to their own key prefix.
 *
 * <pre>{@code
 * String uri = Redis.shared().uri();
 * }</pre>
 */
public final class Redis {
    private static volatile @Nullable RedisServer shared;

    private Redis() {}

    /** Whether {@code PERFKIT_REDIS_URL} is set, so {@link #shared()} is an external server. */
    public static boolean externalConfigured() {
        String url = System.getenv("PERFKIT_REDIS_URL");
        return url != null && !url.isBlank();
    }

    /** The server for this JVM. */
    public static RedisServer shared() {
        RedisServer server = shared;
        if (server == null) {
            synchronized (Redis.class) {
                server = shared;
                if (server == null) {
                    server = externalConfigured() ? external(System.getenv("PERFKIT_REDIS_URL")) : startShared();
                    shared = server;
                }
            }
        }
        return server;
    }

    /** Starts a redis-server that belongs to the caller alone; close it when done. */
    public static RedisProcess startPrivate() {
        String executable = findExecutable();
        RedisProcess process = new RedisProcess(executable, FreePort.find());
        try {
            process.start();
        } catch (RuntimeException e) {
            process.close();
            throw Services.missing("a working redis-server (" + executable + ")", e);
        }
        return process;
    }

    /**
     * Starts a Redis Cluster of three primaries (no replicas) of the caller's own on loopback, created with
     * {@code redis-cli --cluster create}; close it when done.
     */
    public static RedisCluster startCluster() {
        return RedisCluster.start(findExecutable(), cli());
    }

    /**
     * Starts a primary, a replica of it and a sentinel watching them (quorum 1, down after 1 s) on loopback; close it
     * when done. The sentinel is {@code redis-server --sentinel}, which Debian's redis-server package includes.
     */
    public static RedisSentinel startSentinel() {
        return RedisSentinel.start(findExecutable(), cli());
    }

    /** Starts a redis-server of the caller's own with {@code extra} arguments after the fixture's. */
    static RedisProcess startPrivate(int port, List<String> extra) {
        String executable = findExecutable();
        RedisProcess process = new RedisProcess(executable, port, extra);
        try {
            process.start();
        } catch (RuntimeException e) {
            process.close();
            throw Services.missing("a working redis-server (" + executable + ")", e);
        }
        return process;
    }

    private static String cli() {
        String server = findExecutable();
        Path cli = Path.of(server).resolveSibling("redis-cli");
        if (!Files.isExecutable(cli)) {
            throw Services.missing("redis-cli beside " + server, null);
        }
        return cli.toString();
    }

    private static RedisServer startShared() {
        RedisProcess process = startPrivate();
        Runtime.getRuntime().addShutdownHook(new Thread(process::close, "perfkit-redis-shutdown"));
        return process;
    }

    private static RedisServer external(String url) {
        URI uri = URI.create(url);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("PERFKIT_REDIS_URL must look like redis://host:port, but was " + url);
        }
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        return new RedisServer() {
            @Override
            public String host() {
                return host;
            }

            @Override
            public int port() {
                return port;
            }
        };
    }

    private static String findExecutable() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator, -1)) {
                Path candidate = Path.of(dir, "redis-server");
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        throw Services.missing("redis-server on PATH (install Redis, or set PERFKIT_REDIS_URL)", null);
    }
}
