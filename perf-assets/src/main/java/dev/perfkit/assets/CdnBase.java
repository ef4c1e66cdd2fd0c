package dev.perfkit.assets;

import java.net.URI;
import java.net.URISyntaxException;

/** Validation of a CDN base URL. */
final class CdnBase {
    /** Says what is accepted in words a user knows, without an internal field name (a CLI adds its flag's). */
    static final String MESSAGE = "CDN base must be an absolute http or https URL without query or fragment,"
            + " such as https://cdn.example.com/assets, but was ";

    private CdnBase() {}

    /** The URL without a trailing slash. */
    static String normalize(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(MESSAGE + url, e);
        }
        String scheme = uri.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme))
                || uri.getHost() == null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(MESSAGE + url);
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
