package dev.perfkit.benchmarks.demo;

import java.time.Duration;

/** How big the shop is and how long each step is measured. */
record Scale(String name, int customers, int products, int orders, Duration warmup, Duration measure, int clients) {
    static final Scale DEFAULT =
            new Scale("default", 50_000, 5_000, 1_000_000, Duration.ofSeconds(10), Duration.ofSeconds(30), 16);
    static final Scale QUICK =
            new Scale("quick", 5_000, 1_000, 100_000, Duration.ofSeconds(3), Duration.ofSeconds(6), 8);

    /** How long each step's open-loop period at a fixed rate lasts. */
    Duration openLoop() {
        return Duration.ofSeconds(Math.max(2, measure.toSeconds() / 3));
    }

    /** The seed's identity: the data is reloaded when it changes. */
    String seedVersion() {
        return "shop-v1-" + customers + "-" + products + "-" + orders;
    }

    Scale withTimes(Duration warmup, Duration measure, int clients) {
        return new Scale(name, customers, products, orders, warmup, measure, clients);
    }
}
