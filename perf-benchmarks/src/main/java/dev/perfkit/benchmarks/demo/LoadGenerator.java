package dev.perfkit.benchmarks.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * A bounded, closed-loop load generator on loopback: {@code clients} threads, each sending its next request when
 * the last one answered, over a fixed mix of reads and writes with skewed keys (a few hot products and customers,
 * a long tail), for a warm-up and then a measured period. Latency goes into an HdrHistogram per thread.
 */
final class LoadGenerator {
    /** What the clients do, in percent: product reads, customer orders, shipped-order paging, pending, page, price. */
    static final int[] MIX = {40, 20, 15, 10, 10, 5};

    private LoadGenerator() {}

    /** What one measured period saw. */
    record Result(
            long requests,
            long errors,
            double seconds,
            Histogram latencyMicros,
            long[] perSecond,
            long[] requestsByKind,
            long allRequests,
            long staleReads,
            long staleWithinWindow,
            long readsChecked) {
        double throughput() {
            return requests / seconds;
        }

        double percentileMillis(double p) {
            return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(p) / 1000.0;
        }
    }

    static Result run(List<URI> instances, Scale scale, Staleness staleness, long seed) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        long start = System.nanoTime();
        long measureFrom = start + scale.warmup().toNanos();
        long end = measureFrom + scale.measure().toNanos();
        int seconds = (int) Math.max(1, scale.measure().toSeconds());
        AtomicLongArray perSecond = new AtomicLongArray(seconds + 1);
        AtomicLongArray byKind = new AtomicLongArray(MIX.length);
        LongAdder errors = new LongAdder();
        LongAdder all = new LongAdder();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < scale.clients(); t++) {
            Histogram histogram = new Histogram(Duration.ofMinutes(2).toNanos() / 1000, 3);
            histograms.add(histogram);
            Client c = new Client(
                    client,
                    instances,
                    scale,
                    staleness,
                    new SplittableRandom(seed * 1_000 + t),
                    histogram,
                    perSecond,
                    byKind,
                    errors,
                    all,
                    measureFrom,
                    end);
            Thread thread = new Thread(c, "load-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(scale.warmup().plus(scale.measure()).plusSeconds(60).toMillis());
        }
        Histogram merged = new Histogram(Duration.ofMinutes(2).toNanos() / 1000, 3);
        histograms.forEach(merged::add);
        long[] bySecond = new long[seconds];
        for (int i = 0; i < seconds; i++) {
            bySecond[i] = perSecond.get(i);
        }
        long[] kinds = new long[MIX.length];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = byKind.get(i);
        }

        return new Result(
                merged.getTotalCount(),
                errors.sum(),
                (end - measureFrom) / 1e9,
                merged,
                bySecond,
                kinds,
                all.sum(),
                staleness.stale(),
                staleness.withinWindow(),
                staleness.checked());
    }

    /**
     * What an open-loop period saw: requests sent at a fixed rate whatever the answers, latency measured from
     * when each request was due (so a stalled server is not hidden by clients that wait: no coordinated omission).
     */
    record OpenLoop(double rate, long sent, long completed, long errors, long dropped, Histogram latencyMicros) {
        double percentileMillis(double p) {
            return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(p) / 1000.0;
        }
    }

    /**
     * Sends reads (products, customer orders, pending orders, the storefront) at {@code rate} per second for
     * {@code duration}, at most {@code maxInFlight} at once; a request that would exceed it is dropped and counted.
     */
    static OpenLoop openLoop(List<URI> instances, Scale scale, double rate, Duration duration, long seed)
            throws InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        int maxInFlight = 256;
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(maxInFlight);
        Histogram histogram = new Histogram(Duration.ofMinutes(2).toNanos() / 1000, 3);
        LongAdder completed = new LongAdder();
        LongAdder failed = new LongAdder();
        long dropped = 0;
        long sent = 0;
        SplittableRandom random = new SplittableRandom(seed);
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (long due = start; due - end < 0; due += interval) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
                dropped++;
                continue;
            }
            sent++;
            URI base = instances.get(random.nextInt(instances.size()));
            String path = switch (random.nextInt(4)) {
                case 0 -> "/api/products/" + skewed(random, scale.products());
                case 1 -> "/api/customers/" + skewed(random, scale.customers()) + "/orders";
                case 2 -> "/api/orders/pending";
                default -> "/?category=cat-" + (skewed(random, 20) - 1);
            };
            long dueAt = due;
            client.sendAsync(
                            HttpRequest.newBuilder(base.resolve(path))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> {
                        inFlight.release();
                        if (e == null && r.statusCode() == 200) {
                            synchronized (histogram) {
                                histogram.recordValue(Math.max(1, (System.nanoTime() - dueAt) / 1000));
                            }
                            completed.increment();
                        } else {
                            failed.increment();
                        }
                    });
        }
        if (!inFlight.tryAcquire(maxInFlight, 35, java.util.concurrent.TimeUnit.SECONDS)) {
            failed.add(maxInFlight - inFlight.availablePermits());
        }
        Histogram copy;
        synchronized (histogram) {
            copy = histogram.copy();
        }
        return new OpenLoop(rate, sent, completed.sum(), failed.sum(), dropped, copy);
    }

    /** Keys with a skew: about half the requests go to the first 10% of ids. */
    static int skewed(SplittableRandom random, int n) {
        double u = random.nextDouble();
        return 1 + (int) Math.min(n - 1, Math.floor(n * u * u * u));
    }

    private static final class Client implements Runnable {
        private final HttpClient http;
        private final List<URI> instances;
        private final Scale scale;
        private final Staleness staleness;
        private final SplittableRandom random;
        private final Histogram histogram;
        private final AtomicLongArray perSecond;
        private final AtomicLongArray byKind;
        private final LongAdder errors;
        private final LongAdder all;
        private final long measureFrom;
        private final long end;
        /** Where this client is in its walk through the shipped orders: a page number or a cursor token. */
        private String nextPage = "";

        Client(
                HttpClient http,
                List<URI> instances,
                Scale scale,
                Staleness staleness,
                SplittableRandom random,
                Histogram histogram,
                AtomicLongArray perSecond,
                AtomicLongArray byKind,
                LongAdder errors,
                LongAdder all,
                long measureFrom,
                long end) {
            this.http = http;
            this.instances = instances;
            this.scale = scale;
            this.staleness = staleness;
            this.random = random;
            this.histogram = histogram;
            this.perSecond = perSecond;
            this.byKind = byKind;
            this.errors = errors;
            this.all = all;
            this.measureFrom = measureFrom;
            this.end = end;
        }

        @Override
        public void run() {
            while (true) {
                long started = System.nanoTime();
                if (started - end >= 0 || Thread.currentThread().isInterrupted()) {
                    return;
                }
                int kind = pick();
                URI base = instances.get(instances.size() == 1 ? 0 : random.nextInt(instances.size()));
                boolean ok;
                try {
                    ok = send(kind, base, started);
                } catch (IOException e) {
                    ok = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long done = System.nanoTime();
                all.increment();
                if (started - measureFrom >= 0 && done - end < 0) {
                    if (ok) {
                        histogram.recordValue(Math.max(1, (done - started) / 1000));
                        perSecond.incrementAndGet(
                                (int) Math.min(perSecond.length() - 1, (done - measureFrom) / 1_000_000_000L));
                        byKind.incrementAndGet(kind);
                    } else {
                        errors.increment();
                    }
                }
            }
        }

        private int pick() {
            int r = random.nextInt(100);
            for (int i = 0; i < MIX.length; i++) {
                r -= MIX[i];
                if (r < 0) {
                    return i;
                }
            }
            return 0;
        }

        private boolean send(int kind, URI base, long started) throws IOException, InterruptedException {
            switch (kind) {
                case 0 -> {
                    int id = skewed(random, scale.products());
                    HttpResponse<String> r = get(base, "/api/products/" + id);
                    if (r.statusCode() != 200) {
                        return false;
                    }
                    staleness.read(id, version(r.body()), started);
                    return true;
                }
                case 1 -> {
                    return get(base, "/api/customers/" + skewed(random, scale.customers()) + "/orders")
                                    .statusCode()
                            == 200;
                }
                case 2 -> {
                    boolean restart = nextPage.isEmpty() || random.nextInt(10) == 0;
                    String query = restart ? "" : "?" + nextPage;
                    HttpResponse<String> r = get(base, "/api/orders/shipped" + query);
                    if (r.statusCode() != 200) {
                        nextPage = "";
                        return false;
                    }
                    nextPage = field(r.body(), "\"next\":\"");
                    return true;
                }
                case 3 -> {
                    return get(base, "/api/orders/pending").statusCode() == 200;
                }
                case 4 -> {
                    return get(base, "/?category=cat-" + (skewed(random, 20) - 1))
                                    .statusCode()
                            == 200;
                }
                default -> {
                    int id = skewed(random, scale.products());
                    HttpRequest request = HttpRequest.newBuilder(base.resolve(
                                    "/api/products/" + id + "/price?cents=" + (100 + random.nextInt(9_900))))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .timeout(Duration.ofSeconds(30))
                            .build();
                    HttpResponse<String> r =
                            http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    if (r.statusCode() != 200) {
                        return false;
                    }
                    staleness.committed(id, version(r.body()), System.nanoTime());
                    return true;
                }
            }
        }

        private HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        private static long version(String body) {
            String v = field(body, "\"version\":");
            int end = 0;
            while (end < v.length() && Character.isDigit(v.charAt(end))) {
                end++;
            }
            return end == 0 ? -1 : Long.parseLong(v.substring(0, end));
        }

        /** The text after {@code prefix} up to the next quote (or the rest), or "" when absent. */
        private static String field(String body, String prefix) {
            int at = body.indexOf(prefix);
            if (at < 0) {
                return "";
            }
            int from = at + prefix.length();
            int quote = body.indexOf('"', from);
            return body.substring(from, quote < 0 ? body.length() : quote);
        }
    }
}
