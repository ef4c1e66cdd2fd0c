package dev.perfkit.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A redis-server process started by the fixture on a free loopback port, keeping nothing on disk.
 *
 * <p>Tests that kill and restart Redis take one of their own:
 *
 * <pre>{@code
 * try (RedisProcess redis = Redis.startPrivate()) {
 *   redis.stop();   // clients see the connection drop
 *   redis.start();  // same port, empty data
 * }
 * }</pre>
 */
public final class RedisProcess implements RedisServer, AutoCloseable {
    private final String executable;
    private final int port;
    private @org.jspecify.annotations.Nullable Process process;

    RedisProcess(String executable, int port) {
        this.executable = executable;
        this.port = port;
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    /** Starts the server (again) on its port; waits until it answers PING. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(List.of(
                            executable,
                            "--port",
                            Integer.toString(port),
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--appendonly",
                            "no",
                            "--daemonize",
                            "no",
                            "--protected-mode",
                            "no"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + executable, e);
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if ("+PONG".equals(ping())) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for redis-server", e);
            }
        }
        throw new IllegalStateException("redis-server on port " + port + " did not answer within 10 s", last);
    }

    /** Kills the server at once, as a crash would. */
    public synchronized void stop() {
        Process current = process;
        if (current != null) {
            current.destroyForcibly();
            try {
                current.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
