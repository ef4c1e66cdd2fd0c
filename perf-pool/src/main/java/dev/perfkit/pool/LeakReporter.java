package dev.perfkit.pool;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * Finds connections held too long and aggregates them by the code that borrowed them; where HikariCP's
 * leakDetectionThreshold logs one stack trace per event, this says which call site leaks and how often.
 *
 * <p>Memory is bounded: at most {@code maxCallSites} sites are kept (the rest fold into one
 * {@code "(other call sites)"} entry), and only connections currently open are tracked individually.
 *
 * <pre>{@code
 * LeakReporter leaks = LeakReporter.create(Duration.ofSeconds(5), 200, System::nanoTime);
 * DataSource tracked = leaks.wrap(hikariDataSource);
 * ...
 * leaks.report().forEach(site -> log.warn("{}", site));
 * }</pre>
 */
public final class LeakReporter {
    static final String OTHER = "(other call sites)";
    private static final StackWalker WALKER = StackWalker.getInstance();

    private final long thresholdNanos;
    private final int maxCallSites;
    private final LongSupplier ticker;
    private final Map<String, SiteCounter> sites = new ConcurrentHashMap<>();
    private final Map<Borrow, Boolean> open = new ConcurrentHashMap<>();

    private LeakReporter(Duration threshold, int maxCallSites, LongSupplier ticker) {
        this.thresholdNanos = threshold.toNanos();
        this.maxCallSites = maxCallSites;
        this.ticker = ticker;
    }

    /**
     * A reporter for holds longer than {@code threshold}.
     *
     * @param ticker a nanosecond clock, {@code System::nanoTime} outside tests
     * @throws IllegalArgumentException when threshold is not positive or maxCallSites is not 1 to 100000
     */
    public static LeakReporter create(Duration threshold, int maxCallSites, LongSupplier ticker) {
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(ticker, "ticker");
        if (threshold.isZero() || threshold.isNegative()) {
            throw new IllegalArgumentException("threshold must be above 0, but was " + threshold);
        }
        SizingInputs.range("maxCallSites", maxCallSites, 1, 100_000);
        return new LeakReporter(threshold, maxCallSites, ticker);
    }

    /** A data source whose connections this reporter watches; everything else passes through. */
    public DataSource wrap(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new TrackingDataSource(dataSource, this);
    }

    /** Sites with connections held beyond the threshold, most frequent first. */
    public List<LeakSite> report() {
        long now = ticker.getAsLong();
        Map<String, long[]> openBySite = new java.util.HashMap<>();
        for (Borrow b : open.keySet()) {
            long held = now - b.start;
            if (held > thresholdNanos) {
                long[] agg = openBySite.computeIfAbsent(b.site, k -> new long[2]);
                agg[0]++;
                agg[1] = Math.max(agg[1], held);
            }
        }
        List<LeakSite> out = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>(sites.keySet());
        names.addAll(openBySite.keySet());
        for (String site : names) {
            SiteCounter closed = sites.get(site);
            long[] now0 = openBySite.getOrDefault(site, new long[2]);
            long count = (closed == null ? 0 : closed.count.sum()) + now0[0];
            long longest = Math.max(closed == null ? 0 : closed.longest.get(), now0[1]);
            out.add(LeakSite.of(site, count, now0[0], Duration.ofNanos(longest)));
        }
        out.sort(Comparator.comparingLong(LeakSite::count).reversed().thenComparing(LeakSite::callSite));
        return out;
    }

    Connection track(Connection connection) {
        String site = WALKER.walk(frames -> frames.filter(f -> !isInfrastructure(f.getClassName()))
                .findFirst()
                .map(f -> f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber()
                        + ")")
                .orElse("(unknown)"));
        Borrow borrow = new Borrow(site, ticker.getAsLong());
        open.put(borrow, Boolean.TRUE);
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, new Handler(connection, borrow));
    }

    private void returned(Borrow borrow) {
        if (open.remove(borrow) == null) {
            return;
        }
        long held = ticker.getAsLong() - borrow.start;
        if (held <= thresholdNanos) {
            return;
        }
        String key = sites.containsKey(borrow.site) || sites.size() < maxCallSites ? borrow.site : OTHER;
        SiteCounter counter = sites.computeIfAbsent(key, k -> new SiteCounter());
        counter.count.increment();
        counter.longest.accumulateAndGet(held, Math::max);
    }

    private static boolean isInfrastructure(String className) {
        return className.equals(LeakReporter.class.getName())
                || className.startsWith(LeakReporter.class.getName() + "$")
                || className.equals(TrackingDataSource.class.getName())
                || className.startsWith("com.zaxxer.hikari.")
                || className.startsWith("java.")
                || className.startsWith("javax.")
                || className.startsWith("jdk.")
                || className.startsWith("com.sun.proxy.")
                || className.startsWith("jdk.proxy");
    }

    private static final class Borrow {
        final String site;
        final long start;

        Borrow(String site, long start) {
            this.site = site;
            this.start = start;
        }
    }

    private static final class SiteCounter {
        final java.util.concurrent.atomic.LongAdder count = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.AtomicLong longest = new java.util.concurrent.atomic.AtomicLong();
    }

    private final class Handler implements InvocationHandler {
        private final Connection target;
        private final Borrow borrow;

        Handler(Connection target, Borrow borrow) {
            this.target = target;
            this.borrow = borrow;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                returned(borrow);
            } else if (method.getName().equals("unwrap") && args != null && args[0] == Connection.class) {
                return target;
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
