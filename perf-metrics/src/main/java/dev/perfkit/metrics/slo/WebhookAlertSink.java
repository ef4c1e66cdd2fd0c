package dev.perfkit.metrics.slo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts alerts as JSON in Alertmanager's webhook format (version 4: {@code status}, {@code receiver},
 * {@code commonLabels}, {@code alerts[]} with {@code labels}, {@code annotations}, {@code startsAt},
 * {@code endsAt}), so any receiver written for Alertmanager accepts them. Uses the JDK's HttpClient.
 *
 * <p>Never blocks the caller: {@link #send} puts the alert in a bounded queue (a full queue drops the alert and
 * counts it in {@link #dropped()}) and one daemon thread posts it, retrying a failed post (no answer within the
 * timeout, or a status other than 2xx) up to {@code maxAttempts} times with doubling pauses, then gives up and
 * counts it in {@link #failed()}.
 *
 * {@snippet class=dev.perfkit.metrics.slo.SloSnippets region=webhook}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class WebhookAlertSink implements AlertSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookAlertSink.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Alert STOP = Alert.firing(Map.of("alertname", "stop"), Map.of(), Instant.EPOCH);

    private final URI uri;
    private final Duration timeout;
    private final int maxAttempts;
    private final Duration firstPause;
    private final String receiver;
    private final HttpClient client;
    private final BlockingQueue<Alert> queue;
    private final Thread sender;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closed;

    private WebhookAlertSink(Builder b) {
        this.uri = b.uri;
        this.timeout = b.timeout;
        this.maxAttempts = b.maxAttempts;
        this.firstPause = b.firstPause;
        this.receiver = b.receiver;
        this.queue = new ArrayBlockingQueue<>(b.queueCapacity);
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.sender = new Thread(this::run, "perfkit-alert-webhook");
        sender.setDaemon(true);
        sender.start();
    }

    /**
     * A builder posting to {@code uri}.
     *
     * @throws IllegalArgumentException unless the URI is absolute http or https
     */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    @Override
    public void send(Alert alert) {
        Objects.requireNonNull(alert, "alert");
        if (closed || !queue.offer(alert)) {
            dropped.incrementAndGet();
        }
    }

    /** Returns alerts posted and answered with 2xx. */
    public long delivered() {
        return delivered.get();
    }

    /** Returns alerts dropped because the queue was full or the sink closed. */
    public long dropped() {
        return dropped.get();
    }

    /** Returns alerts given up after {@code maxAttempts} failed posts. */
    public long failed() {
        return failed.get();
    }

    /** Stops the sender after the alert it is posting; queued alerts are dropped. */
    @Override
    public void close() {
        closed = true;
        queue.clear();
        boolean unused = queue.offer(STOP);
        sender.interrupt();
        try {
            sender.join(timeout.toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (!closed) {
            Alert alert;
            try {
                alert = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (alert == STOP) {
                return;
            }
            deliver(alert);
        }
    }

    private void deliver(Alert alert) {
        byte[] body = body(alert);
        long pause = firstPause.toMillis();
        for (int attempt = 1; attempt <= maxAttempts && !closed; attempt++) {
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(timeout)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    delivered.incrementAndGet();
                    return;
                }
                LOG.debug("webhook {} answered {} (attempt {})", uri, response.statusCode(), attempt);
            } catch (IOException e) {
                LOG.debug("webhook {} failed (attempt {}): {}", uri, attempt, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt < maxAttempts) {
                try {
                    TimeUnit.MILLISECONDS.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pause = Math.min(pause * 2, 60_000);
            }
        }
        failed.incrementAndGet();
        LOG.warn("alert {} not delivered to {} after {} attempts", alert.name(), uri, maxAttempts);
    }

    /** The Alertmanager webhook body (version 4) with this one alert. */
    byte[] body(Alert alert) {
        String status = alert.status().name().toLowerCase(Locale.ROOT);
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "4");
        root.put("groupKey", "{}:{alertname=\"" + alert.name() + "\"}");
        root.put("truncatedAlerts", 0);
        root.put("status", status);
        root.put("receiver", receiver);
        root.putObject("groupLabels").put("alertname", alert.name());
        ObjectNode common = root.putObject("commonLabels");
        alert.labels().forEach(common::put);
        ObjectNode commonAnnotations = root.putObject("commonAnnotations");
        alert.annotations().forEach(commonAnnotations::put);
        root.put("externalURL", "");
        ArrayNode alerts = root.putArray("alerts");
        ObjectNode a = alerts.addObject();
        a.put("status", status);
        ObjectNode labels = a.putObject("labels");
        alert.labels().forEach(labels::put);
        ObjectNode annotations = a.putObject("annotations");
        alert.annotations().forEach(annotations::put);
        a.put("startsAt", DateTimeFormatter.ISO_INSTANT.format(alert.startsAt()));
        a.put(
                "endsAt",
                alert.status() == Alert.Status.FIRING
                        ? "0001-01-01T00:00:00Z"
                        : DateTimeFormatter.ISO_INSTANT.format(alert.endsAt()));
        a.put("generatorURL", "");
        a.put("fingerprint", HexFormat.of().toHexDigits(alert.labels().hashCode()));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an alert as JSON", e);
        }
    }

    /** Sets up a {@link WebhookAlertSink}; each setter checks its value at once. */
    public static final class Builder {
        private final URI uri;
        private Duration timeout = Duration.ofSeconds(5);
        private int maxAttempts = 5;
        private Duration firstPause = Duration.ofMillis(500);
        private int queueCapacity = 1000;
        private String receiver = "perfkit";

        private Builder(URI uri) {
            Objects.requireNonNull(uri, "uri");
            String scheme = uri.getScheme();
            if (!uri.isAbsolute() || !("http".equals(scheme) || "https".equals(scheme))) {
                throw new IllegalArgumentException("webhook uri must be an absolute http or https URI, but was " + uri);
            }
            this.uri = uri;
        }

        /**
         * Sets how long one post may take; 5 s by default.
         *
         * @throws IllegalArgumentException unless 1 ms to 5 minutes
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("timeout must be 1 ms to 5 minutes, but was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Sets how many posts an alert gets at most, and the pause after the first failure (doubling, at most a
         * minute); 5 and 500 ms by default.
         *
         * @throws IllegalArgumentException unless attempts is 1 to 20 and the pause 0 to 1 minute
         */
        public Builder retries(int maxAttempts, Duration firstPause) {
            Objects.requireNonNull(firstPause, "firstPause");
            if (maxAttempts < 1 || maxAttempts > 20) {
                throw new IllegalArgumentException("maxAttempts must be 1 to 20, but was " + maxAttempts);
            }
            if (firstPause.isNegative() || firstPause.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("firstPause must be 0 to 1 minute, but was " + firstPause);
            }
            this.maxAttempts = maxAttempts;
            this.firstPause = firstPause;
            return this;
        }

        /**
         * Sets how many alerts may wait; 1000 by default.
         *
         * @throws IllegalArgumentException unless 1 to 100000
         */
        public Builder queueCapacity(int capacity) {
            if (capacity < 1 || capacity > 100_000) {
                throw new IllegalArgumentException("queueCapacity must be 1 to 100000, but was " + capacity);
            }
            this.queueCapacity = capacity;
            return this;
        }

        /**
         * Sets the {@code receiver} field of the body; "perfkit" by default.
         *
         * @throws IllegalArgumentException if blank
         */
        public Builder receiver(String receiver) {
            Objects.requireNonNull(receiver, "receiver");
            if (receiver.isBlank()) {
                throw new IllegalArgumentException("receiver must not be blank");
            }
            this.receiver = receiver;
            return this;
        }

        /** Starts the sink's sender thread. */
        public WebhookAlertSink build() {
            return new WebhookAlertSink(this);
        }
    }
}
