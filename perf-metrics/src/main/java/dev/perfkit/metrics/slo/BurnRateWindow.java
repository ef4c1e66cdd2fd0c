package dev.perfkit.metrics.slo;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One window pair of a multi-window, multi-burn-rate alert (SRE workbook, chapter 5): the alert holds while the
 * error ratio over both the long and the short window exceeds {@code factor} times the error budget.
 *
 * @param severity whether the pair pages or opens a ticket
 * @param longWindow the window that makes the alert significant
 * @param shortWindow the window that makes it reset soon after the burn stops (a twelfth of the long one)
 * @param factor the burn rate: how many times faster than sustainable the budget is spent
 */
public record BurnRateWindow(Severity severity, Duration longWindow, Duration shortWindow, double factor) {
    private static final Duration MONTH = Duration.ofDays(30);

    /** Whom an alert goes to. */
    public enum Severity {
        /** Someone must act now. */
        PAGE,
        /** Someone must act within a working day. */
        TICKET
    }

    /**
     * Validates the pair.
     *
     * @throws IllegalArgumentException if a window is not positive, the short one is not shorter, or the factor
     *     is not positive
     */
    public BurnRateWindow {
        Objects.requireNonNull(severity, "severity");
        if (longWindow.isNegative() || longWindow.isZero() || shortWindow.isNegative() || shortWindow.isZero()) {
            throw new IllegalArgumentException(
                    "windows must be positive, but were " + longWindow + " and " + shortWindow);
        }
        if (shortWindow.compareTo(longWindow) >= 0) {
            throw new IllegalArgumentException("the short window must be shorter than the long one, but were "
                    + shortWindow + " and " + longWindow);
        }
        if (!(factor > 0)) {
            throw new IllegalArgumentException("factor must be positive, but was " + factor);
        }
    }

    /**
     * The workbook's four pairs for an objective over {@code period}: for 30 days, 14.4x over 1h and 5m and 6x over
     * 6h and 30m (pages), 3x over 1d and 2h and 1x over 3d and 6h (tickets). Other periods scale every window by
     * period / 30 days (to whole milliseconds) and keep the factors, so each pair still spends the same share of
     * the budget before it fires.
     */
    public static List<BurnRateWindow> forPeriod(Duration period) {
        return List.of(
                scaled(Severity.PAGE, period, Duration.ofHours(1), Duration.ofMinutes(5), 14.4),
                scaled(Severity.PAGE, period, Duration.ofHours(6), Duration.ofMinutes(30), 6),
                scaled(Severity.TICKET, period, Duration.ofDays(1), Duration.ofHours(2), 3),
                scaled(Severity.TICKET, period, Duration.ofDays(3), Duration.ofHours(6), 1));
    }

    private static BurnRateWindow scaled(Severity s, Duration period, Duration lw, Duration sw, double factor) {
        return new BurnRateWindow(s, scale(lw, period), scale(sw, period), factor);
    }

    private static Duration scale(Duration window, Duration period) {
        double ratio = (double) period.toMillis() / MONTH.toMillis();
        return Duration.ofMillis(Math.max(1, Math.round(window.toMillis() * ratio)));
    }
}
