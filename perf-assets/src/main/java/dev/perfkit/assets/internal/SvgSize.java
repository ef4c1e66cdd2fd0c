package dev.perfkit.assets.internal;

import dev.perfkit.assets.ImageSize;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The size of an SVG from its root element's attributes, read by hand: the XML declaration, comments, processing
 * instructions and a DOCTYPE (with its internal subset) before the root are skipped unread, so no entity is ever
 * declared or expanded and nothing external is fetched. {@code width} and {@code height} in px (or unitless) or an
 * absolute unit (in, cm, mm, pt, pc) win; otherwise the {@code viewBox}'s size, scaled to the one length given. A
 * percentage, a font-relative unit or a value with an entity reference is not a size.
 */
final class SvgSize {
    private static final Pattern LENGTH =
            Pattern.compile("\\s*([0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\\s*(px|in|cm|mm|pt|pc)?\\s*");
    private static final Pattern NUMBER_LIST = Pattern.compile("[\\s,]+");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    private SvgSize() {}

    static Optional<ImageSize> read(byte[] bytes) throws ImageHeaders.Unreadable {
        int n = Math.min(bytes.length, ImageHeaders.MAX_HEADER);
        String s = new String(bytes, 0, n, StandardCharsets.UTF_8);
        int i = s.startsWith("\uFEFF") ? 1 : 0;
        while (true) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (s.startsWith("<?", i)) {
                i = after(s, i, "?>");
            } else if (s.startsWith("<!--", i)) {
                i = after(s, i, "-->");
            } else if (s.regionMatches(true, i, "<!DOCTYPE", 0, 9)) {
                i = afterDoctype(s, i);
            } else if (s.startsWith("<", i)) {
                return root(s, i + 1);
            } else {
                throw new ImageHeaders.Unreadable(
                        i >= s.length()
                                ? "SVG without a root element"
                                : "not an SVG: " + "text before the root element");
            }
        }
    }

    private static int after(String s, int from, String end) throws ImageHeaders.Unreadable {
        int at = s.indexOf(end, from);
        if (at < 0) {
            throw truncated(s);
        }
        return at + end.length();
    }

    /** Skips {@code <!DOCTYPE ...>}, an internal subset in brackets and quoted literals included, unread. */
    private static int afterDoctype(String s, int from) throws ImageHeaders.Unreadable {
        char quote = 0;
        int depth = 0;
        for (int i = from + 9; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '>' && depth <= 0) {
                return i + 1;
            }
        }
        throw truncated(s);
    }

    private static ImageHeaders.Unreadable truncated(String s) {
        return new ImageHeaders.Unreadable(
                s.length() >= ImageHeaders.MAX_HEADER
                        ? "SVG whose root element does not start within " + ImageHeaders.MAX_HEADER + " bytes"
                        : "truncated SVG: it ends before its root element does");
    }

    private static Optional<ImageSize> root(String s, int from) throws ImageHeaders.Unreadable {
        int i = from;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '>' && s.charAt(i) != '/') {
            i++;
        }
        String name = s.substring(from, i);
        if (!name.substring(name.indexOf(':') + 1).equals("svg")) {
            throw new ImageHeaders.Unreadable("not an SVG: the root element is <" + printable(name) + ">");
        }
        Map<String, String> attributes = new HashMap<>();
        while (true) {
            while (i < s.length() && (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == '/')) {
                i++;
            }
            if (i >= s.length()) {
                throw truncated(s);
            }
            if (s.charAt(i) == '>') {
                return size(attributes);
            }
            int start = i;
            while (i < s.length() && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '>') {
                i++;
            }
            String attr = s.substring(start, i);
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= s.length() || s.charAt(i) != '=') {
                throw i >= s.length()
                        ? truncated(s)
                        : new ImageHeaders.Unreadable(
                                "corrupt SVG: attribute " + printable(attr) + " of <svg> has no value");
            }
            i++;
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= s.length() || (s.charAt(i) != '"' && s.charAt(i) != '\'')) {
                throw i >= s.length()
                        ? truncated(s)
                        : new ImageHeaders.Unreadable(
                                "corrupt SVG: attribute " + printable(attr) + " of <svg> is not quoted");
            }
            int end = s.indexOf(s.charAt(i), i + 1);
            if (end < 0) {
                throw truncated(s);
            }
            attributes.put(attr, s.substring(i + 1, end));
            i = end + 1;
        }
    }

    private static Optional<ImageSize> size(Map<String, String> a) {
        Double w = length(a.get("width"));
        Double h = length(a.get("height"));
        double[] box = viewBox(a.get("viewBox"));
        if (w != null && h != null) {
            return of(w, h);
        }
        if (box == null) {
            return Optional.empty();
        }
        if (w != null) {
            return of(w, w * box[1] / box[0]);
        }
        if (h != null) {
            return of(h * box[0] / box[1], h);
        }
        return of(box[0], box[1]);
    }

    private static Optional<ImageSize> of(double w, double h) {
        long rw = Math.max(1, Math.round(w));
        long rh = Math.max(1, Math.round(h));
        if (rw > Integer.MAX_VALUE || rh > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(new ImageSize((int) rw, (int) rh));
    }

    /** A length in CSS px, or null for none, a relative unit, a non-positive value or an entity reference. */
    private static @Nullable Double length(@Nullable String value) {
        if (value == null) {
            return null;
        }
        Matcher m = LENGTH.matcher(value);
        if (!m.matches()) {
            return null;
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "px" : m.group(2).toLowerCase(Locale.ROOT);
        double px = switch (unit) {
            case "in" -> v * 96;
            case "cm" -> v * 96 / 2.54;
            case "mm" -> v * 96 / 25.4;
            case "pt" -> v * 4 / 3;
            case "pc" -> v * 16;
            default -> v;
        };
        return px > 0 && Double.isFinite(px) ? px : null;
    }

    /** The viewBox's width and height, or null when absent or not four numbers with a positive size. */
    private static double @Nullable [] viewBox(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String[] parts = NUMBER_LIST.split(value.trim(), -1);
        if (parts.length != 4) {
            return null;
        }
        for (String p : parts) {
            if (!NUMBER.matcher(p).matches()) {
                return null; // Double.parseDouble would take "NaN", "1f" or "0x1p3"
            }
        }
        try {
            double w = Double.parseDouble(parts[2]);
            double h = Double.parseDouble(parts[3]);
            return w > 0 && h > 0 && Double.isFinite(w) && Double.isFinite(h) ? new double[] {w, h} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
