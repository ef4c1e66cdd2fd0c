package dev.perfkit.assets;

import java.net.URI;
import java.net.URISyntaxException;

/** Validation of a CDN base URL. */
final class CdnBase {
    private CdnBase() {}

    /** The URL without a trailing slash. */
    static String normalize(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cdnBase must be an absolute http(s) URL, but was " + url, e);
        }
        String scheme = uri.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme))
                || uri.getHost() == null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "cdnBase must be an absolute http(s) URL without query or fragment, but was " + url);
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
