package dev.perfkit.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs user callbacks so that what they throw never reaches the user's query. */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private Listeners() {}

    static void notify(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.warn("perfkit query event listener failed; the query is not affected", e);
        }
    }
}
