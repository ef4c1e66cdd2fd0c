package dev.perfkit.metrics.slo;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations in Prometheus's notation ({@code 5m}, {@code 30d}, {@code 300ms}), both ways. */
final class PromDurations {
    private static final Pattern ONE = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d|w)");

    private PromDurations() {}

    /** Formats {@code d} in the largest unit that divides it exactly (whole milliseconds). */
    static String format(Duration d) {
        long ms = d.toMillis();
        long[] units = {7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};
        String[] names = {"w", "d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (ms % units[i] == 0) {
                return ms / units[i] + names[i];
            }
        }
        throw new AssertionError(ms);
    }

    /**
     * Parses one number and unit, such as {@code 300ms} or {@code 30d}.
     *
     * @throws IllegalArgumentException naming {@code what} and the value when it does not parse
     */
    static Duration parse(String what, String text) {
        Matcher m = ONE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    what + " must be a number and one unit of ms, s, m, h, d, w (such as 300ms or 30d), but was '"
                            + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms":
                return Duration.ofMillis(n);
            case "s":
                return Duration.ofSeconds(n);
            case "m":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            case "d":
                return Duration.ofDays(n);
            default:
                return Duration.ofDays(7 * n);
        }
    }
}
