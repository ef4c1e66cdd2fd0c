package dev.perfkit.cache.http;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Purges tags through a Fastly-style HTTP API: one {@code POST base + urlEncoded(tag)} per tag (Fastly:
 * {@code https://api.fastly.com/service/ID/purge/} with a {@code Fastly-Key} header), each expected to answer 2xx.
 */
public final class HttpPurgeSink implements PurgeSink {
    private final String base;
    private final List<String> headers;
    private final HttpClient client;

    private HttpPurgeSink(String base, List<String> headers) {
        this.base = base;
        this.headers = headers;
        this.client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    /**
     * Purges at {@code base} + the tag; {@code headerNameValuePairs} are sent on every call (an API key).
     *
     * @throws IllegalArgumentException if {@code base} is not an absolute http(s) URI ending in '/', or the header
     *     list is odd in length
     */
    public static HttpPurgeSink of(URI base, String... headerNameValuePairs) {
        VarnishPurgeSink.check(base);
        if (!base.toString().endsWith("/")) {
            throw new IllegalArgumentException("the purge base URI must end in '/', but was " + base);
        }
        if (headerNameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "headers come as name, value pairs, but " + headerNameValuePairs.length + " strings were given");
        }
        List<String> headers = new ArrayList<>();
        for (String h : headerNameValuePairs) {
            headers.add(Objects.requireNonNull(h, "header"));
        }
        return new HttpPurgeSink(base.toString(), List.copyOf(headers));
    }

    @Override
    public void purge(Collection<String> tags) throws IOException, InterruptedException {
        for (String tag : tags) {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create(base + URLEncoder.encode(tag, StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.noBody());
            for (int i = 0; i < headers.size(); i += 2) {
                request.header(headers.get(i), headers.get(i + 1));
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IOException("the purge API answered " + response.statusCode() + " for tag " + tag);
            }
        }
    }
}
