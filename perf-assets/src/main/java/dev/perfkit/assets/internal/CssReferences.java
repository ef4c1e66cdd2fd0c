package dev.perfkit.assets.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the file references of a CSS or JavaScript text ({@code url(...)}, {@code @import}, {@code sourceMappingURL})
 * and rewrites their file names.
 */
public final class CssReferences {
    private static final Pattern URL = Pattern.compile("url\\(\\s*(['\"]?)([^'\"()\\s]+)\\1\\s*\\)");
    private static final Pattern IMPORT = Pattern.compile("@import\\s+(['\"])([^'\"]+)\\1");
    private static final Pattern SOURCE_MAP = Pattern.compile("[#@]\\s*sourceMappingURL=()([^\\s*'\"]+)");

    /** One reference: the URL text at [start, end) of the source. */
    public record Ref(int start, int end, String url) {}

    private CssReferences() {}

    /** Whether files with this extension are scanned (CSS for all forms, JavaScript for source maps only). */
    public static boolean scans(String logicalPath) {
        String ext = ContentTypes.extension(logicalPath);
        return ext.equals("css") || ext.equals("js") || ext.equals("mjs");
    }

    /** The references in the text, in source order. */
    public static List<Ref> find(String logicalPath, String text) {
        List<Ref> refs = new ArrayList<>();
        if (ContentTypes.extension(logicalPath).equals("css")) {
            collect(URL, text, refs);
            collect(IMPORT, text, refs);
        }
        collect(SOURCE_MAP, text, refs);
        refs.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return refs;
    }

    private static void collect(Pattern pattern, String text, List<Ref> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(new Ref(m.start(2), m.end(2), m.group(2)));
        }
    }

    /**
     * The logical path a reference points to, resolved against the referencing file; empty for external URLs
     * ({@code https:}, {@code data:}, {@code //host}, {@code #id}) and for paths that climb above the root.
     */
    public static Optional<String> resolve(String fromLogicalPath, String url) {
        String path = stripQuery(url);
        if (path.isEmpty() || path.startsWith("//") || path.startsWith("#") || path.contains(":")) {
            return Optional.empty();
        }
        Deque<String> segments = new ArrayDeque<>();
        if (!path.startsWith("/")) {
            int slash = fromLogicalPath.lastIndexOf('/');
            if (slash > 0) {
                for (String s : fromLogicalPath.substring(0, slash).split("/", -1)) {
                    segments.addLast(s);
                }
            }
        }
        for (String s : path.split("/", -1)) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (segments.isEmpty()) {
                    return Optional.empty();
                }
                segments.removeLast();
            } else {
                segments.addLast(s);
            }
        }
        return segments.isEmpty() ? Optional.empty() : Optional.of(String.join("/", segments));
    }

    /** The reference with its file name replaced by the last segment of {@code targetFile}, query and fragment kept. */
    public static String rewrite(String url, String targetFile) {
        String path = stripQuery(url);
        String rest = url.substring(path.length());
        String newName = targetFile.substring(targetFile.lastIndexOf('/') + 1);
        return path.substring(0, path.lastIndexOf('/') + 1) + newName + rest;
    }

    private static String stripQuery(String url) {
        int cut = url.length();
        int q = url.indexOf('?');
        int h = url.indexOf('#');
        if (q >= 0) {
            cut = q;
        }
        if (h > 0 && h < cut) {
            cut = h;
        }
        return url.substring(0, cut);
    }
}
