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
    private final List<String> extra;
    private final List<String> leading;
    private @org.jspecify.annotations.Nullable Process process;

    RedisProcess(String executable, int port) {
        this(executable, port, List.of());
    }

    /** A server started with {@code extra} arguments after the fixture's own (cluster or replica settings). */
    RedisProcess(String executable, int port, List<String> extra) {
        this(executable, port, extra, List.of());
    }

    /** A server started with {@code leading} arguments first (a config file, {@code --sentinel}). */
    RedisProcess(String executable, int port, List<String> extra, List<String> leading) {
        this.executable = executable;
        this.port = port;
        this.extra = List.copyOf(extra);
        this.leading = List.copyOf(leading);
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
            List<String> command = new java.util.ArrayList<>(List.of(executable));
            command.addAll(leading);
            command.addAll(List.of(
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
                    "no"));
            command.addAll(extra);
            process = new ProcessBuilder(command)
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

    /**
     * Freezes the server with {@code SIGSTOP}: connections stay open, nothing answers, as a hung host would. Undo with
     * {@link #resume()}.
     */
    public synchronized void pause() {
        signal("STOP");
    }

    /** Lets a {@linkplain #pause() paused} server run again with {@code SIGCONT}. */
    public synchronized void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        Process current = process;
        if (current == null || !current.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " is not running");
        }
        Processes.run(List.of("kill", "-" + name, Long.toString(current.pid())), false, 10);
    }

    @Override
    public void close() {
        stop();
    }
}
