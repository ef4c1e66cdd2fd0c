package dev.perfkit.pool.http;

import java.time.Duration;
import java.util.Objects;

/**
 * The JDK HttpClient's connection-pool settings, which are JVM-wide system properties read once, when the first
 * {@code HttpClient} is created: {@code jdk.httpclient.connectionPoolSize} (idle HTTP/1.1 connections kept per
 * JVM, 0 = unbounded, the default) and {@code jdk.httpclient.keepalive.timeout} (seconds an idle connection is
 * kept; JDK default 30 s, at most 1200 s on some versions).
 *
 * <p>Because every client in the JVM shares them, apply them once at start-up, before anything (a library
 * included) creates an {@code HttpClient}; later changes are ignored by the JDK.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   HttpClientPoolSettings.of(64, Duration.ofSeconds(55)).applyJvmWide();   // first thing
 *   HttpClient client = HttpClients.builder().connectTimeout(Duration.ofSeconds(2)).build();
 * }
 * }</pre>
 */
public final class HttpClientPoolSettings {
    /** The system property for the pool size. */
    public static final String POOL_SIZE_PROPERTY = "jdk.httpclient.connectionPoolSize";
    /** The system property for the keep-alive, in seconds. */
    public static final String KEEPALIVE_PROPERTY = "jdk.httpclient.keepalive.timeout";

    private final int connectionPoolSize;
    private final Duration keepAlive;

    private HttpClientPoolSettings(int connectionPoolSize, Duration keepAlive) {
        if (connectionPoolSize < 0 || connectionPoolSize > 100_000) {
            throw new IllegalArgumentException(
                    "connectionPoolSize must be between 0 (unbounded) and 100000, but was " + connectionPoolSize);
        }
        Objects.requireNonNull(keepAlive, "keepAlive");
        if (keepAlive.compareTo(Duration.ofSeconds(1)) < 0 || keepAlive.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("keepAlive must be between 1 s and 1 day, but was " + keepAlive);
        }
        this.connectionPoolSize = connectionPoolSize;
        this.keepAlive = keepAlive;
    }

    /** Idle connections kept for reuse over the whole JVM, 0 = unbounded. */
    public int connectionPoolSize() {
        return connectionPoolSize;
    }

    /** How long an idle connection is kept; keep it below the server's or load balancer's idle cut. */
    public Duration keepAlive() {
        return keepAlive;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpClientPoolSettings h
                && connectionPoolSize == h.connectionPoolSize
                && keepAlive.equals(h.keepAlive);
    }

    @Override
    public int hashCode() {
        return 31 * connectionPoolSize + keepAlive.hashCode();
    }

    @Override
    public String toString() {
        return "HttpClientPoolSettings[connectionPoolSize=" + connectionPoolSize + ", keepAlive=" + keepAlive + "]";
    }

    /**
     * Settings to apply; see {@link #applyJvmWide()}.
     *
     * @param connectionPoolSize idle connections kept for reuse over the whole JVM, 0 = unbounded
     * @param keepAlive how long an idle connection is kept
     * @throws IllegalArgumentException when the size is not 0 to 100000 or keepAlive is not 1 s to 1 day
     * @throws NullPointerException when keepAlive is null
     */
    public static HttpClientPoolSettings of(int connectionPoolSize, Duration keepAlive) {
        return new HttpClientPoolSettings(connectionPoolSize, keepAlive);
    }

    /**
     * Sets both system properties for the whole JVM. They only take effect if no {@code HttpClient} has been
     * created yet in this JVM: the JDK reads them once.
     *
     * @return the previous property values, for a log line ({@code null} where a property was unset)
     */
    public String applyJvmWide() {
        String before = POOL_SIZE_PROPERTY + "=" + System.getProperty(POOL_SIZE_PROPERTY) + ", " + KEEPALIVE_PROPERTY
                + "=" + System.getProperty(KEEPALIVE_PROPERTY);
        System.setProperty(POOL_SIZE_PROPERTY, Integer.toString(connectionPoolSize));
        System.setProperty(KEEPALIVE_PROPERTY, Long.toString(keepAlive.toSeconds()));
        return before;
    }

    /** The settings currently in the system properties (JDK defaults 0 and 30 s where unset). */
    public static HttpClientPoolSettings current() {
        return new HttpClientPoolSettings(
                Integer.getInteger(POOL_SIZE_PROPERTY, 0), Duration.ofSeconds(Long.getLong(KEEPALIVE_PROPERTY, 30L)));
    }
}
