package dev.perfkit.cache.http.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** HTTP dates (RFC 9110 section 5.6.7): IMF-fixdate out; IMF-fixdate, RFC 850 and asctime in. */
public final class HttpDates {
    private static final DateTimeFormatter IMF = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-")
            .appendValueReduced(ChronoField.YEAR, 2, 2, 1970) // two-digit years: 1970 to 2069
            .appendPattern(" HH:mm:ss 'GMT'")
            .toFormatter(Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC);
    /** Longer values are not dates; refused before any parsing. */
    private static final int MAX_LENGTH = 64;

    private HttpDates() {}

    public static String format(Instant instant) {
        return IMF.format(instant);
    }

    public static String format(long epochMillis) {
        return IMF.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Returns the instant, or {@code null} when {@code value} is no HTTP date. */
    public static @Nullable Instant parse(@Nullable String value) {
        if (value == null || value.length() > MAX_LENGTH) {
            return null;
        }
        String v = value.trim();
        for (DateTimeFormatter f : new DateTimeFormatter[] {IMF, RFC850, ASCTIME}) {
            try {
                ZonedDateTime t = ZonedDateTime.parse(v, f);
                return t.toInstant();
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return null;
    }
}
