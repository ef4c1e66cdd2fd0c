package dev.perfkit.cache.http.servlet;

import dev.perfkit.cache.http.HttpResponseCache;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servlet filter in front of an {@link HttpResponseCache}: requests its routes do not cover go straight down the
 * chain; the others are answered from the cache or captured from the application. Map it to {@code /*} for the
 * REQUEST dispatch only (not ASYNC), with async support on.
 *
 * <p>Asynchronous handlers ({@code request.startAsync()}, completed later from another thread) are passed through
 * uncached: when the handler returns with asynchronous processing started, the filter sends what it recorded so far
 * (status, headers with the route's Cache-Control, body) and from then on everything the application writes, through
 * the response it was handed or the {@code AsyncContext}'s, goes straight to the client. Such a response is never
 * stored, whether it completes, times out or fails, and is counted as
 * {@link dev.perfkit.cache.http.StoreRefusal#ASYNC}; a successful asynchronous POST, PUT, PATCH or DELETE invalidates
 * its URI when it is handed over and again when it completes. Non-blocking output works on either stream, the one
 * obtained before {@code startAsync} or after: {@code setWriteListener} hands the response over at once and gives the
 * listener to the container's stream. The tag header set after the hand-over is dropped, as before it.
 *
 * <p>The filter never turns a request into an error of its own: what the application throws propagates as is, and if
 * the cache itself fails before the application ran (or on a GET or HEAD that left the response uncommitted), the
 * failure is logged and the request goes down the chain untouched.
 *
 * {@snippet class=dev.perfkit.cache.http.HttpResponseCacheSnippets region=filter}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class ResponseCacheFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseCacheFilter.class);

    private final HttpResponseCache cache;

    /** Creates the filter for {@code cache}. */
    public ResponseCacheFilter(HttpResponseCache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest req) || !(response instanceof HttpServletResponse res)) {
            chain.doFilter(request, response);
            return;
        }
        String path = ServletExchange.path(req);
        if (!cache.covers(path)) {
            chain.doFilter(request, response);
            return;
        }
        ServletExchange exchange = new ServletExchange(req, res, chain, path);
        try {
            cache.handle(exchange);
        } catch (Exception | Error e) {
            if (exchange.applicationFailure == e) {
                rethrow(e);
            }
            boolean safe = req.getMethod().equals("GET") || req.getMethod().equals("HEAD");
            // never a second run once the application went asynchronous: its other thread owns the response
            if (!res.isCommitted() && (!exchange.applicationRan || safe) && !req.isAsyncStarted()) {
                LOG.error("the response cache failed on {} {}; answered without it", req.getMethod(), path, e);
                res.reset();
                chain.doFilter(request, response);
                return;
            }
            rethrow(e);
        }
    }

    private static void rethrow(Throwable e) throws IOException, ServletException {
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof ServletException se) {
            throw se;
        }
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error er) {
            throw er;
        }
        throw new ServletException(e);
    }
}
