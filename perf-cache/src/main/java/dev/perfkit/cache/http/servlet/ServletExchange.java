package dev.perfkit.cache.http.servlet;

import dev.perfkit.cache.http.CapturedResponse;
import dev.perfkit.cache.http.HttpExchange;
import dev.perfkit.cache.http.HttpHeader;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One servlet request as the response cache's core sees it. */
final class ServletExchange implements HttpExchange {
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final FilterChain chain;
    private final String path;
    private @Nullable String errorMessage;
    /** Whether a capture's application went asynchronous. */
    private boolean asyncStarted;
    /** Whether the application ran (its failures are its own, never retried); set before it runs. */
    boolean applicationRan;
    /** What the application threw, so the filter tells it from a failure of its own. */
    @Nullable
    Throwable applicationFailure;

    ServletExchange(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String path) {
        this.request = request;
        this.response = response;
        this.chain = chain;
        this.path = path;
    }

    static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    /** Sees whether the application starts asynchronous processing through the request the capture hands it. */
    private static final class AsyncProbe extends HttpServletRequestWrapper {
        volatile boolean started;

        AsyncProbe(HttpServletRequest request) {
            super(request);
        }

        @Override
        public AsyncContext startAsync() {
            AsyncContext c = super.startAsync();
            started = true;
            return c;
        }

        @Override
        public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
            AsyncContext c = super.startAsync(request, response);
            started = true;
            return c;
        }
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public @Nullable String query() {
        return request.getQueryString();
    }

    @Override
    public List<String> headers(String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(1);
        while (values.hasMoreElements()) {
            out.add(values.nextElement());
        }
        return out;
    }

    @Override
    public @Nullable String principal() {
        Principal p = request.getUserPrincipal();
        return p == null ? null : p.getName();
    }

    @Override
    public String contextPath() {
        String context = request.getContextPath();
        return context == null ? "" : context;
    }

    @Override
    public void proceed() throws Exception {
        run(request, response);
    }

    private void run(HttpServletRequest req, HttpServletResponse res) throws Exception {
        applicationRan = true;
        try {
            chain.doFilter(req, res);
        } catch (Exception | Error e) {
            applicationFailure = e;
            throw e;
        }
    }

    @Override
    public CapturedResponse capture(
            int bodyLimit,
            boolean detached,
            List<HttpHeader> requestHeaders,
            List<String> removedRequestHeaders,
            StreamStart onStream)
            throws Exception {
        HttpServletRequest req = requestHeaders.isEmpty() && removedRequestHeaders.isEmpty()
                ? request
                : new HeaderOverrides(request, requestHeaders, removedRequestHeaders);
        AsyncProbe probe = new AsyncProbe(req);
        CapturingResponse capture = new CapturingResponse(
                response, bodyLimit, detached, onStream, () -> probe.started || request.isAsyncStarted());
        ResponseTags.reset(request);
        run(probe, capture);
        if (probe.started || request.isAsyncStarted()) {
            // asked before isAsyncStarted: a handler whose other thread completed (or dispatched) already reads false
            asyncStarted = true;
            errorMessage = null;
            return capture.handOver();
        }
        CapturedResponse captured = capture.finish();
        errorMessage = capture.errorMessage();
        return captured;
    }

    @Override
    public void send(int status, List<HttpHeader> headers, byte @Nullable [] body) throws IOException {
        response.setStatus(status);
        Servlets.apply(response, headers);
        if (body != null && body.length > 0) {
            ServletOutputStream out = response.getOutputStream();
            out.write(body);
        }
    }

    @Override
    public void sendError(CapturedResponse error, List<HttpHeader> headers) throws IOException {
        Servlets.apply(response, headers);
        if (errorMessage != null) {
            response.sendError(error.status(), errorMessage);
        } else {
            response.sendError(error.status());
        }
    }

    @Override
    public void flush() throws IOException {
        response.flushBuffer();
    }

    @Override
    public void whenComplete(Runnable action) {
        if (!asyncStarted) {
            action.run();
            return;
        }
        try {
            request.getAsyncContext().addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    action.run();
                }

                @Override
                public void onTimeout(AsyncEvent event) {}

                @Override
                public void onError(AsyncEvent event) {}

                @Override
                public void onStartAsync(AsyncEvent event) {}
            });
        } catch (IllegalStateException e) {
            action.run(); // the application completed already
        }
    }

    @Override
    public List<String> tags() {
        return ResponseTags.of(request);
    }
}
