package dev.perfkit.assets.frontend;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One tag a page must have: a stylesheet link, a module script or a modulepreload link, with its URL and, where
 * known, its Subresource Integrity value and the CSP nonce it carries.
 *
 * @param kind what the tag is
 * @param url the URL it loads, already under the base or CDN URL
 * @param integrity the {@code integrity} value ({@code sha384-...}), or null when unknown
 * @param nonce the CSP nonce, or null
 */
public record Tag(
        Kind kind,
        String url,
        @Nullable String integrity,
        @Nullable String nonce) {
    /** The kinds of tag, in the order a page needs them. */
    public enum Kind {
        /** {@code <link rel="stylesheet">}. */
        STYLESHEET,
        /** {@code <script type="module" crossorigin>}. */
        MODULE_SCRIPT,
        /** {@code <link rel="modulepreload" crossorigin>}. */
        MODULE_PRELOAD
    }

    /**
     * Checks the components.
     *
     * @throws NullPointerException if kind or url is null
     */
    public Tag {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(url, "url");
    }

    /** The tag as HTML, attribute values escaped. */
    public String html() {
        StringBuilder b = new StringBuilder();
        switch (kind) {
            case STYLESHEET ->
                b.append("<link rel=\"stylesheet\" href=\"").append(escape(url)).append('"');
            case MODULE_SCRIPT ->
                b.append("<script type=\"module\" crossorigin src=\"")
                        .append(escape(url))
                        .append('"');
            case MODULE_PRELOAD ->
                b.append("<link rel=\"modulepreload\" crossorigin href=\"")
                        .append(escape(url))
                        .append('"');
        }
        if (integrity != null) {
            b.append(" integrity=\"").append(escape(integrity)).append('"');
            if (kind == Kind.STYLESHEET) {
                b.append(" crossorigin"); // SRI on a stylesheet needs a CORS request when it comes from a CDN
            }
        }
        if (nonce != null) {
            b.append(" nonce=\"").append(escape(nonce)).append('"');
        }
        b.append(kind == Kind.MODULE_SCRIPT ? "></script>" : ">");
        return b.toString();
    }

    /** The tag as one element of a {@code Link} header (for Early Hints or a preload header). */
    public String linkValue() {
        return switch (kind) {
            case STYLESHEET -> "<" + linkUrl(url) + ">; rel=preload; as=style";
            case MODULE_SCRIPT, MODULE_PRELOAD -> "<" + linkUrl(url) + ">; rel=modulepreload; crossorigin";
        };
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A URL inside {@code <...>} of a Link header: characters that would end or split it are percent-encoded. */
    private static String linkUrl(String url) {
        StringBuilder b = new StringBuilder(url.length());
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '>' || c == '<' || c == ',' || c == ';' || c == '"' || c <= ' ' || c >= 0x7f) {
                b.append(String.format(java.util.Locale.ROOT, "%%%02X", (int) c & 0xff));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
