package dev.perfkit.metrics.servlet;

import dev.perfkit.assets.Coding;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Counts the responses of perf-assets' {@code AssetServlet} (or any static server) by content coding and status:
 * {@code perfkit.assets.responses{coding=br|zstd|gzip|identity|other, status=200|206|304|other}} (the coding of the body
 * sent: a 304 sends none, so it counts as identity) and the body bytes
 * declared by Content-Length of GET 200 and 206 responses, {@code perfkit.assets.bytes{coding}}. Map it in front of the asset
 * servlet. Tag values are fixed sets; the request path never becomes a tag.
 *
 * {@snippet class=dev.perfkit.metrics.servlet.AssetMetricsSnippets region=basic}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class AssetMetricsFilter implements Filter {
    private static final String[] CODINGS = codings();
    private static final String[] STATUSES = {"200", "206", "304", "other"};

    private final Counter[][] responses = new Counter[CODINGS.length][STATUSES.length];
    private final Counter[] bytes = new Counter[CODINGS.length];

    private AssetMetricsFilter(MeterRegistry registry) {
        for (int c = 0; c < CODINGS.length; c++) {
            for (int s = 0; s < STATUSES.length; s++) {
                responses[c][s] = Counter.builder("perfkit.assets.responses")
                        .description("Asset responses by content coding and status")
                        .tags("coding", CODINGS[c], "status", STATUSES[s])
                        .register(registry);
            }
            bytes[c] = Counter.builder("perfkit.assets.bytes")
                    .description("Body bytes of asset responses (Content-Length of GET responses)")
                    .baseUnit("bytes")
                    .tag("coding", CODINGS[c])
                    .register(registry);
        }
    }

    /** A filter recording into {@code registry}. */
    public static AssetMetricsFilter create(MeterRegistry registry) {
        return new AssetMetricsFilter(Objects.requireNonNull(registry, "registry"));
    }

    private static String[] codings() {
        Coding[] all = Coding.values();
        String[] names = new String[all.length + 2];
        for (int i = 0; i < all.length; i++) {
            names[i] = all[i].token();
        }
        names[all.length] = "identity";
        names[all.length + 1] = "other";
        return names;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest req) || !(response instanceof HttpServletResponse resp)) {
            chain.doFilter(request, response);
            return;
        }
        LengthRecorder recorder = new LengthRecorder(resp);
        chain.doFilter(request, recorder);
        int coding = codingIndex(resp.getHeader("Content-Encoding"));
        int status = statusIndex(resp.getStatus());
        if (recorder.length > 0 && "GET".equals(req.getMethod()) && status <= 1) {
            bytes[coding].increment((double) recorder.length);
        }
        responses[coding][status].increment(); // last: a reader that sees the response counted sees its bytes
    }

    private static int codingIndex(@Nullable String header) {
        if (header == null || header.isEmpty()) {
            return CODINGS.length - 2;
        }
        for (int i = 0; i < CODINGS.length - 2; i++) {
            if (CODINGS[i].equalsIgnoreCase(header.strip())) {
                return i;
            }
        }
        return CODINGS.length - 1;
    }

    private static int statusIndex(int status) {
        switch (status) {
            case 200:
                return 0;
            case 206:
                return 1;
            case 304:
                return 2;
            default:
                return 3;
        }
    }

    /** Remembers the Content-Length the servlet declares. */
    private static final class LengthRecorder extends HttpServletResponseWrapper {
        long length;

        LengthRecorder(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setContentLength(int len) {
            length = len;
            super.setContentLength(len);
        }

        @Override
        public void setContentLengthLong(long len) {
            length = len;
            super.setContentLengthLong(len);
        }
    }
}
