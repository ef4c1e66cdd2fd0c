package dev.perfkit.cache.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;

/**
 * Purges tags from Varnish: with the xkey vmod ({@code PURGE} with an {@code xkey-purge} header, what
 * {@code xkey.purge} reads) or with a ban ({@code BAN} with a {@code Surrogate-Key-Ban} header holding the tags, which
 * the VCL turns into {@code ban("obj.http.Surrogate-Key ~ ...")}). The VCL for both is in the README.
 */
public final class VarnishPurgeSink implements PurgeSink {
    private final URI varnish;
    private final boolean xkey;
    private final HttpClient client;

    private VarnishPurgeSink(URI varnish, boolean xkey) {
        this.varnish = varnish;
        this.xkey = xkey;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Purges with vmod xkey at {@code varnish} (for example {@code http://127.0.0.1:6081/}).
     *
     * @throws IllegalArgumentException if {@code varnish} is not an absolute http or https URI
     */
    public static VarnishPurgeSink xkey(URI varnish) {
        return new VarnishPurgeSink(check(varnish), true);
    }

    /**
     * Purges with bans on the {@code Surrogate-Key} header at {@code varnish}.
     *
     * @throws IllegalArgumentException if {@code varnish} is not an absolute http or https URI
     */
    public static VarnishPurgeSink ban(URI varnish) {
        return new VarnishPurgeSink(check(varnish), false);
    }

    static URI check(URI uri) {
        Objects.requireNonNull(uri, "uri");
        if (!uri.isAbsolute() || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("the purge endpoint must be an absolute http(s) URI, but was " + uri);
        }
        return uri;
    }

    @Override
    public void purge(Collection<String> tags) throws IOException, InterruptedException {
        if (tags.isEmpty()) {
            return;
        }
        String joined = String.join(" ", tags);
        HttpRequest request = HttpRequest.newBuilder(varnish)
                .timeout(Duration.ofSeconds(5))
                .method(xkey ? "PURGE" : "BAN", HttpRequest.BodyPublishers.noBody())
                .header(xkey ? "xkey-purge" : "Surrogate-Key-Ban", joined)
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Varnish answered " + response.statusCode() + " to the purge of " + joined + ": "
                    + response.body());
        }
    }
}
