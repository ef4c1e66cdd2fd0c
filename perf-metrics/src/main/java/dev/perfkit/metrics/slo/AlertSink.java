package dev.perfkit.metrics.slo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where alerts go. One method; {@link #logging()} is the default. An implementation must not block for long: the
 * monitor calls it from its evaluation thread (the {@link WebhookAlertSink} queues and sends on its own thread).
 * A sink that throws is logged and does not stop the evaluation.
 */
@FunctionalInterface
public interface AlertSink {
    /**
     * Delivers one alert that started firing or resolved.
     *
     * @param alert the alert
     */
    void send(Alert alert);

    /** A sink that logs firing alerts at WARN and resolved ones at INFO (logger {@code dev.perfkit.metrics.slo}). */
    static AlertSink logging() {
        Logger log = LoggerFactory.getLogger("dev.perfkit.metrics.slo");
        return alert -> {
            if (alert.status() == Alert.Status.FIRING) {
                log.warn("alert firing: {} {} {}", alert.name(), alert.labels(), alert.annotations());
            } else {
                log.info("alert resolved: {} {}", alert.name(), alert.labels());
            }
        };
    }
}
