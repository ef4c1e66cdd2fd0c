package dev.perfkit.pool.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Builds a JDK {@link HttpClient} with the per-client settings that matter for pooling: a connect timeout (the
 * JDK default waits forever), a bounded executor for response handling (the JDK default is an unbounded cached
 * pool), the protocol version and redirects. Pool size and keep-alive are JVM-wide: see
 * {@link HttpClientPoolSettings}.
 *
 * <pre>{@code
 * HttpClient client = HttpClients.builder()
 *     .connectTimeout(Duration.ofSeconds(2))
 *     .executorThreads(8)
 *     .version(HttpClient.Version.HTTP_1_1)
 *     .build();
 * }</pre>
 */
public final class HttpClients {
    private HttpClients() {}

    /** A builder: 10 s connect timeout, HTTP/2 with fallback to 1.1, JDK executor, no redirects. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds the client; each setter checks its value at once. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private int executorThreads;
        private HttpClient.Version version = HttpClient.Version.HTTP_2;
        private HttpClient.Redirect redirect = HttpClient.Redirect.NEVER;
        private @Nullable ExecutorService executor;

        private Builder() {}

        /** @throws IllegalArgumentException unless 1 ms to 10 min */
        public Builder connectTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "connectTimeout");
            if (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException(
                        "connectTimeout must be between 1 ms and 10 min, but was " + timeout);
            }
            connectTimeout = timeout;
            return this;
        }

        /**
         * Threads that run response handlers and async callbacks; 0 keeps the JDK's own executor. A fixed number
         * bounds threads under load; size it near the number of requests in flight that do work on completion.
         *
         * @throws IllegalArgumentException unless 0 to 1024
         */
        public Builder executorThreads(int threads) {
            if (threads < 0 || threads > 1024) {
                throw new IllegalArgumentException(
                        "executorThreads must be between 0 (JDK default) and 1024, but was " + threads);
            }
            executorThreads = threads;
            return this;
        }

        /** HTTP/2 (with fallback) or HTTP/1.1. */
        public Builder version(HttpClient.Version value) {
            version = Objects.requireNonNull(value, "version");
            return this;
        }

        /** The redirect policy. */
        public Builder redirect(HttpClient.Redirect value) {
            redirect = Objects.requireNonNull(value, "redirect");
            return this;
        }

        /** The executor made by {@link #build()} when executorThreads is set, so the caller can shut it down. */
        public @Nullable ExecutorService executor() {
            return executor;
        }

        /** A new client. */
        public HttpClient build() {
            HttpClient.Builder b = HttpClient.newBuilder()
                    .connectTimeout(connectTimeout)
                    .version(version)
                    .followRedirects(redirect);
            if (executorThreads > 0) {
                AtomicInteger n = new AtomicInteger();
                ThreadPoolExecutor pool = new ThreadPoolExecutor(
                        executorThreads, executorThreads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                            Thread t = new Thread(r, "perfkit-http-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
                pool.allowCoreThreadTimeOut(true);
                executor = pool;
                b.executor(pool);
            }
            return b.build();
        }
    }
}
