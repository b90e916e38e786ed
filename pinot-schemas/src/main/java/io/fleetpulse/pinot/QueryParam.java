package io.fleetpulse.pinot;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One parameter of a {@link NamedQuery}, declared in the query's file as {@code -- @param NAME TYPE
 * DEFAULT DESCRIPTION} (DEFAULT {@code -} means required). Values become SQL literals, so a value
 * can never change the query's structure:
 *
 * <ul>
 *   <li>{@code string}: quoted, single quotes doubled;
 *   <li>{@code int}: a whole number;
 *   <li>{@code time}: an instant as milliseconds since the epoch, written as {@code now}, relative
 *       to now ({@code -24h}, {@code -30m}, {@code -7d}, {@code -45s}), ISO-8601 ({@code
 *       2026-01-31T08:00:00Z}) or epoch milliseconds;
 *   <li>{@code hour}: a time written as for {@code time}, as whole hours since the epoch (rounded
 *       down), for filters on an hour column that a star-tree index can answer.
 * </ul>
 *
 * @param name the placeholder name ({@code ${name}} in the SQL)
 * @param type string, int, time or hour
 * @param defaultValue the value when none is given, or null if the parameter is required
 * @param description one line for {@code fleet query --list}
 */
public record QueryParam(String name, Type type, String defaultValue, String description) {

    /** A parameter's type. */
    public enum Type {
        STRING,
        INT,
        TIME,
        HOUR
    }

    private static final long HOUR_MS = 3_600_000L;

    private static final Pattern RELATIVE = Pattern.compile("-(\\d+)([smhd])");

    public boolean required() {
        return defaultValue == null;
    }

    /**
     * The SQL literal for {@code value}.
     *
     * @throws IllegalArgumentException if the value does not fit the type
     */
    public String literal(String value, Instant now) {
        return switch (type) {
            case STRING -> "'" + value.replace("'", "''") + "'";
            case INT -> Long.toString(parseLong(value));
            case TIME -> Long.toString(time(value, now).toEpochMilli());
            case HOUR -> Long.toString(Math.floorDiv(time(value, now).toEpochMilli(), HOUR_MS));
        };
    }

    private long parseLong(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "parameter " + name + " must be a whole number, not '" + value + "'");
        }
    }

    private Instant time(String value, Instant now) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("now")) {
            return now;
        }
        Matcher m = RELATIVE.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d =
                    switch (m.group(2)) {
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    };
            return now.minus(d);
        }
        if (v.chars().allMatch(Character::isDigit) && !v.isEmpty()) {
            return Instant.ofEpochMilli(Long.parseLong(v));
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "parameter "
                            + name
                            + " must be a time (now, -24h, -30m, 2026-01-31T08:00:00Z or epoch ms),"
                            + " not '"
                            + value
                            + "'");
        }
    }
}
