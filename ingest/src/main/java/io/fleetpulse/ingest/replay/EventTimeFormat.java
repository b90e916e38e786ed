package io.fleetpulse.ingest.replay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * How the time column of a CSV file is written. {@link #AUTO} reads an integer as epoch
 * milliseconds and anything else as ISO-8601; ISO-8601 without a zone or offset is taken as UTC
 * (recorded telemetry is logged in UTC), and a blank between date and time is accepted.
 */
public enum EventTimeFormat {
    /** Integer: epoch milliseconds; otherwise ISO-8601. */
    AUTO,
    /** Epoch milliseconds (an integer). */
    EPOCH_MS,
    /** Epoch seconds, fractions allowed (e.g. {@code 1700000000.250}). */
    EPOCH_S,
    /** ISO-8601 date and time, with or without offset. */
    ISO;

    private static final DateTimeFormatter LOCAL =
            new DateTimeFormatterBuilder()
                    .append(DateTimeFormatter.ISO_LOCAL_DATE)
                    .optionalStart()
                    .appendLiteral('T')
                    .optionalEnd()
                    .optionalStart()
                    .appendLiteral(' ')
                    .optionalEnd()
                    .append(DateTimeFormatter.ISO_LOCAL_TIME)
                    .toFormatter();

    /**
     * Epoch milliseconds (UTC) of {@code text}.
     *
     * @throws IllegalArgumentException with a readable message when it cannot be read
     */
    public long parse(String text) {
        String s = text.strip();
        switch (this) {
            case EPOCH_MS:
                return parseEpochMs(s);
            case EPOCH_S:
                return parseEpochSeconds(s);
            case ISO:
                return parseIso(s);
            default:
                return isInteger(s) ? parseEpochMs(s) : parseIso(s);
        }
    }

    private static boolean isInteger(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        if (s.length() <= start) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static long parseEpochMs(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not epoch milliseconds: '" + s + "'");
        }
    }

    private static long parseEpochSeconds(String s) {
        try {
            return new BigDecimal(s).movePointRight(3).longValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not epoch seconds: '" + s + "'");
        }
    }

    private static long parseIso(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException withOffset) {
            // fall through: maybe no offset, or a 'Z' instant
        }
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException instant) {
            // fall through
        }
        try {
            return LocalDateTime.parse(s, LOCAL).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 time or epoch ms: '" + s + "'");
        }
    }
}
