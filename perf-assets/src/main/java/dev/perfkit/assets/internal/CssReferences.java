package dev.perfkit.assets.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the file references of a CSS or JavaScript text ({@code url(...)} in any case, {@code @import}, plain strings
 * in {@code image-set()}, {@code sourceMappingURL}) and rewrites their file names. References are percent-decoded
 * before they are resolved, so {@code url(a%2Epng)} is {@code a.png}.
 */
public final class CssReferences {
    static final Pattern URL = Pattern.compile("(?i)url\\(\\s*(['\"]?)([^'\"()\\s]+)\\1\\s*\\)");
    static final Pattern IMPORT = Pattern.compile("(?i)@import\\s+(['\"])([^'\"]+)\\1");
    static final Pattern IMAGE_SET = Pattern.compile("(?i)(?:-webkit-)?image-set\\(");
    private static final Pattern SOURCE_MAP = Pattern.compile("[#@]\\s*sourceMappingURL=()([^\\s*'\"]+)");

    /** One reference: the URL text at [start, end) of the source. */
    public record Ref(int start, int end, String url) {}

    private CssReferences() {}

    /** Whether files with this extension are scanned (CSS for all forms, JavaScript for source maps only). */
    public static boolean scans(String logicalPath) {
        String ext = ContentTypes.extension(logicalPath);
        return ext.equals("css") || ext.equals("js") || ext.equals("mjs");
    }

    private static final byte[] SOURCE_MAP_MARK = "sourceMappingURL=".getBytes(StandardCharsets.US_ASCII);

    /**
     * Whether a file of a scanned type may hold a reference: every CSS file, a JavaScript file only when its bytes
     * contain {@code sourceMappingURL=}. A byte search, so the cold build neither decodes nor regex-scans the
     * JavaScript that has none (most of it: the scan was a fifth of the build's CPU in a profile).
     */
    public static boolean mayReference(String logicalPath, byte[] bytes) {
        if (!scans(logicalPath)) {
            return false;
        }
        return ContentTypes.extension(logicalPath).equals("css") || indexOf(bytes, SOURCE_MAP_MARK) >= 0;
    }

    static int indexOf(byte[] bytes, byte[] mark) {
        // As Latin-1 every byte is one char, so the index is the byte offset, and String.indexOf is a vectorised
        // intrinsic: the copy and search cost less than a byte loop over the same JavaScript.
        return new String(bytes, StandardCharsets.ISO_8859_1).indexOf(new String(mark, StandardCharsets.ISO_8859_1));
    }

    /** The references in the text, in source order. */
    public static List<Ref> find(String logicalPath, String text) {
        List<Ref> refs = new ArrayList<>();
        if (ContentTypes.extension(logicalPath).equals("css")) {
            // Each pattern runs only where its literal occurs: a case-insensitive regex tries every position, which
            // made scanning CSS without references a tenth of a cold build's CPU in a profile.
            if (mentions(text, "url(")) {
                collect(URL, text, refs);
            }
            if (mentions(text, "@import")) {
                collect(IMPORT, text, refs);
            }
            if (mentions(text, "image-set(")) {
                imageSetStrings(text, refs);
            }
        }
        if (text.contains("sourceMappingURL=")) { // the pattern is case-sensitive; a class first defeats its prefilter
            collect(SOURCE_MAP, text, refs);
        }
        refs.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return refs;
    }

    /**
     * Whether {@code text} holds {@code marker} in any letter case: every match of the ASCII case-insensitive
     * patterns contains their literal, so a {@code false} here means the pattern cannot match.
     */
    static boolean mentions(String text, String marker) {
        char lower = Character.toLowerCase(marker.charAt(0));
        char upper = Character.toUpperCase(marker.charAt(0));
        for (int i = 0, last = text.length() - marker.length(); i <= last; i++) {
            char c = text.charAt(i);
            if ((c == lower || c == upper) && text.regionMatches(true, i, marker, 0, marker.length())) {
                return true;
            }
        }
        return false;
    }

    private static void collect(Pattern pattern, String text, List<Ref> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(new Ref(m.start(2), m.end(2), m.group(2)));
        }
    }

    /**
     * The quoted strings directly inside {@code image-set(...)}: {@code image-set("a.png" 1x, "a@2x.png" 2x)}. Strings
     * nested deeper ({@code type("image/avif")}, {@code url("...")}, found by the url pattern) are not references.
     */
    private static void imageSetStrings(String text, List<Ref> into) {
        Matcher m = IMAGE_SET.matcher(text);
        while (m.find()) {
            int depth = 1;
            int i = m.end();
            while (i < text.length() && depth > 0) {
                char c = text.charAt(i);
                if (c == '"' || c == '\'') {
                    int close = text.indexOf(c, i + 1);
                    if (close < 0) {
                        return;
                    }
                    if (depth == 1 && close > i + 1) {
                        into.add(new Ref(i + 1, close, text.substring(i + 1, close)));
                    }
                    i = close + 1;
                    continue;
                }
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
                i++;
            }
        }
    }

    /**
     * The logical path a reference points to, resolved against the referencing file; empty for external URLs
     * ({@code https:}, {@code data:}, {@code //host}, {@code #id}) and for paths that climb above the root.
     */
    public static Optional<String> resolve(String fromLogicalPath, String url) {
        String raw = stripQuery(url);
        if (raw.isEmpty() || raw.startsWith("//") || raw.startsWith("#") || raw.contains(":")) {
            return Optional.empty();
        }
        String path = percentDecoded(raw);
        if (path == null || path.contains(":") || path.indexOf('\\') >= 0) {
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

    /**
     * The reference with its file name replaced by the last segment of {@code targetFile} (percent-encoded where a
     * URL needs it), query and fragment kept.
     */
    public static String rewrite(String url, String targetFile) {
        String path = stripQuery(url);
        String rest = url.substring(path.length());
        String newName = percentEncoded(targetFile.substring(targetFile.lastIndexOf('/') + 1));
        return path.substring(0, path.lastIndexOf('/') + 1) + newName + rest;
    }

    /** The path with {@code %XX} decoded as UTF-8; null when malformed or when it encodes a {@code /}. */
    static @Nullable String percentDecoded(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(path.length());
        for (int i = 0; i < path.length(); i++) {
            int next = path.indexOf('%', i);
            if (next != i) {
                int end = next < 0 ? path.length() : next;
                bytes.writeBytes(path.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
                continue;
            }
            int hi = i + 2 < path.length() ? Character.digit(path.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(path.charAt(i + 2), 16) : -1;
            if (lo < 0 || hi * 16 + lo == '/' || hi * 16 + lo < 0x20) {
                return null;
            }
            bytes.write(hi * 16 + lo);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Percent-encodes what may not stand in an unquoted CSS url() or a URL path segment. */
    static String percentEncoded(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-._~!$&*+,;=@".indexOf(c) >= 0;
            if (plain) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                out.append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
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
