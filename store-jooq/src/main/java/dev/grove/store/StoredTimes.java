package dev.grove.store;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * How the run table keeps times: whole microseconds (what PostgreSQL's timestamptz holds; finer
 * digits are cut), between the years 1 and 9999, and on SQLite as ISO-8601 UTC text of one fixed
 * shape, {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ}, so that comparing the text compares the times.
 */
final class StoredTimes {
    static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private static final DateTimeFormatter TEXT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 6, 6, true)
            .appendLiteral('Z')
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT)
            .withZone(ZoneOffset.UTC);

    private StoredTimes() {
    }

    /** The time as stored: cut to whole microseconds. */
    static Instant stored(Instant t) {
        Instant cut = t.truncatedTo(ChronoUnit.MICROS);
        if (cut.isBefore(MIN) || cut.isAfter(MAX)) {
            throw new IllegalArgumentException("time " + t + " is outside the years 1 to 9999 that the run store keeps");
        }
        return cut;
    }

    /**
     * A query bound: rounded up to the next whole microsecond, so that comparing stored (cut)
     * times with it gives what comparing them with {@code t} itself would.
     */
    static Instant bound(Instant t) {
        Instant cut = t.truncatedTo(ChronoUnit.MICROS);
        return cut.equals(t) ? cut : cut.plus(1, ChronoUnit.MICROS);
    }

    /** True when every storable time is before {@code bound} (so a filter by it keeps everything or nothing). */
    static boolean beyondMax(Instant bound) {
        return bound.isAfter(MAX);
    }

    /** True when no storable time is before {@code bound}. */
    static boolean atOrBeforeMin(Instant bound) {
        return !bound.isAfter(MIN);
    }

    /** SQLite's text for a time: {@code 2026-11-27T14:12:42.742247Z}, always 27 characters. */
    static String text(Instant t) {
        return TEXT.format(stored(t));
    }

    /** Reads SQLite's text back. */
    static Instant parse(String text) {
        try {
            return Instant.from(TEXT.parse(text));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' in the run store is not a time of the form "
                    + "yyyy-MM-ddTHH:mm:ss.SSSSSSZ", e);
        }
    }
}
