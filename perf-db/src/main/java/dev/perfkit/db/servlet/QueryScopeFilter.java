package dev.perfkit.db.servlet;

import dev.perfkit.db.QueryScope;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * Opens a {@link QueryScope} around each request, so a statement shape run more than the threshold of
 * times in one request raises an N+1 event when the request ends (logged, and passed to the
 * instrumentation's listener), with the final count and the request's method and path (not its query
 * string, which may hold secrets). The
 * scope covers the request thread only; work handed to other threads is not counted.
 *
 * <pre>{@code
 * context.addFilter(new FilterHolder(new QueryScopeFilter(10)), "/*", EnumSet.of(DispatcherType.REQUEST));
 * }</pre>
 *
 * <p>Declared in {@code web.xml}, the threshold comes from the init parameter {@code threshold} (default 10).
 */
public final class QueryScopeFilter implements Filter {
    /** The init parameter naming the N+1 threshold. */
    public static final String THRESHOLD_PARAM = "threshold";

    private volatile int threshold;

    /** A filter with the default threshold of 10, or the {@code threshold} init parameter. */
    public QueryScopeFilter() {
        this.threshold = 10;
    }

    /**
     * A filter with the given threshold.
     *
     * @throws IllegalArgumentException if {@code threshold} is outside 1..1000000
     */
    public QueryScopeFilter(int threshold) {
        this.threshold = check(threshold);
    }

    /**
     * Reads the {@code threshold} init parameter, if set.
     *
     * @throws IllegalArgumentException if the parameter is not an integer in 1..1000000
     */
    @Override
    public void init(FilterConfig config) {
        String value = config.getInitParameter(THRESHOLD_PARAM);
        if (value != null) {
            try {
                threshold = check(Integer.parseInt(value.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "init parameter threshold must be an integer in 1..1000000, but was " + value, e);
            }
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        QueryScope scope = QueryScope.open(threshold, label(request));
        try {
            chain.doFilter(request, response);
        } finally {
            scope.close();
        }
    }

    /** Method and path of an HTTP request, cut to 500 characters; never the query string, which may hold secrets. */
    private static String label(ServletRequest request) {
        if (!(request instanceof HttpServletRequest http)) {
            return "";
        }
        String label = http.getMethod() + " " + http.getRequestURI();
        return label.length() <= 500 ? label : label.substring(0, 500);
    }

    private static int check(int threshold) {
        if (threshold < 1 || threshold > 1_000_000) {
            throw new IllegalArgumentException("threshold must be between 1 and 1000000, but was " + threshold);
        }
        return threshold;
    }
}
