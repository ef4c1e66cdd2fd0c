package dev.perfkit.assets.frontend;

import dev.perfkit.assets.AssetEntry;
import dev.perfkit.assets.AssetManifest;
import dev.perfkit.assets.ImageSize;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The image sizes of a manifest, found by an {@code <img>}'s {@code src}: a URL under the site prefix or the
 * manifest's CDN base, naming the fingerprinted file or the logical path (query and fragment ignored, percent
 * escapes decoded). Any other URL, relative ones included (their base is the page's, unknown here), has no size.
 */
final class ImageSizes {
    static final ImageSizes NONE = new ImageSizes(Map.of(), List.of());

    private final Map<String, ImageSize> byPath;
    /** URL prefixes, each ending with '/'. */
    private final List<String> prefixes;

    private ImageSizes(Map<String, ImageSize> byPath, List<String> prefixes) {
        this.byPath = byPath;
        this.prefixes = prefixes;
    }

    static ImageSizes of(AssetManifest manifest, String pathPrefix) {
        if (!pathPrefix.isEmpty() && !pathPrefix.startsWith("/")) {
            throw new IllegalArgumentException(
                    "pathPrefix must be empty or start with '/', such as /assets, but was " + pathPrefix);
        }
        Map<String, ImageSize> byPath = new HashMap<>();
        for (AssetEntry e : manifest.entries()) {
            ImageSize size = e.imageSize();
            if (size != null) {
                byPath.put(e.logicalPath(), size);
                byPath.put(e.file(), size);
            }
        }
        String site = pathPrefix.endsWith("/") ? pathPrefix : pathPrefix + "/";
        List<String> prefixes =
                manifest.cdnBase().map(cdn -> List.of(site, cdn + "/")).orElse(List.of(site));
        return new ImageSizes(Map.copyOf(byPath), prefixes);
    }

    @Nullable
    ImageSize find(@Nullable String src) {
        if (src == null || byPath.isEmpty()) {
            return null;
        }
        String url = src.trim();
        int end = url.length();
        for (char c : new char[] {'?', '#'}) {
            int at = url.indexOf(c);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        url = url.substring(0, end);
        for (String prefix : prefixes) {
            if (url.startsWith(prefix)) {
                String path = url.substring(prefix.length());
                ImageSize size = byPath.get(path);
                if (size == null) {
                    String decoded = percentDecoded(path);
                    size = decoded == null ? null : byPath.get(decoded);
                }
                if (size != null) {
                    return size;
                }
            }
        }
        return null;
    }

    /** The path with %XX escapes decoded as UTF-8, or null when it has a malformed escape. */
    private static @Nullable String percentDecoded(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') {
                if (i + 2 >= path.length()) {
                    return null;
                }
                int hi = Character.digit(path.charAt(i + 1), 16);
                int lo = Character.digit(path.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
