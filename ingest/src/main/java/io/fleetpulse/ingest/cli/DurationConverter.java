package io.fleetpulse.ingest.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads a duration option the way people type it, for every FleetPulse command: {@code 500ms},
 * {@code 30s}, {@code 1.5m}, {@code 2h}, {@code 7d}, a bare number of seconds ({@code 45}), or
 * ISO-8601 such as {@code PT5M}. Negative durations are refused.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /**
     * The duration {@code value} names.
     *
     * @throws CommandLine.TypeConversionException with examples, if it names none
     */
    public static Duration parse(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(text);
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double millis =
                    switch (unit) {
                        case "ms" -> amount;
                        case "s" -> amount * 1_000;
                        case "m" -> amount * 60_000;
                        case "h" -> amount * 3_600_000;
                        default -> amount * 86_400_000;
                    };
            return Duration.ofMillis(Math.round(millis));
        }
        try {
            Duration iso = Duration.parse(value.strip().toUpperCase(Locale.ROOT));
            if (!iso.isNegative()) {
                return iso;
            }
        } catch (DateTimeParseException e) {
            // fall through to the message below
        }
        throw new CommandLine.TypeConversionException(
                "'"
                        + value
                        + "' is not a duration (examples: 500ms, 30s, 1.5m, 2h, 7d, 45 for"
                        + " seconds, PT5M)");
    }
}
