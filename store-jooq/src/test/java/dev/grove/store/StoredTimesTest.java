package dev.grove.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The SQLite text form of run times: one fixed shape whose text order is time order. */
class StoredTimesTest {

    @Test
    void textHasOneShapeWithSixFractionDigits() {
        assertEquals("2026-11-27T14:12:42.742247Z", StoredTimes.text(Instant.parse("2026-11-27T14:12:42.742247Z")));
        assertEquals("2026-11-27T14:12:42.000000Z", StoredTimes.text(Instant.parse("2026-11-27T14:12:42Z")));
        assertEquals("2026-11-27T14:12:42.100000Z", StoredTimes.text(Instant.parse("2026-11-27T14:12:42.1Z")));
        assertEquals("0001-01-01T00:00:00.000000Z", StoredTimes.text(StoredTimes.MIN));
        assertEquals("9999-12-31T23:59:59.999999Z", StoredTimes.text(StoredTimes.MAX));
        assertEquals("1969-12-31T23:59:59.999999Z", StoredTimes.text(Instant.ofEpochSecond(0, -1000)));
    }

    @Test
    void finerThanMicrosecondsIsCutNotRounded() {
        Instant t = Instant.parse("2026-11-27T14:12:42.742247999Z");
        assertEquals("2026-11-27T14:12:42.742247Z", StoredTimes.text(t));
        assertEquals(Instant.parse("2026-11-27T14:12:42.742247Z"), StoredTimes.stored(t));
        assertEquals(Instant.parse("1969-12-31T23:59:59.999999Z"), StoredTimes.stored(Instant.ofEpochSecond(0, -1)));
    }

    @Test
    void textReadsBackExactly() {
        Random rnd = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant t = randomStorable(rnd);
            assertEquals(t, StoredTimes.parse(StoredTimes.text(t)), t::toString);
        }
    }

    @Test
    void textOrderIsTimeOrder() {
        Random rnd = new Random(11);
        List<Instant> times = new ArrayList<>(List.of(StoredTimes.MIN, StoredTimes.MAX, Instant.EPOCH,
                Instant.ofEpochSecond(0, -1000), Instant.ofEpochSecond(0, 1000)));
        for (int i = 0; i < 5_000; i++) {
            Instant t = randomStorable(rnd);
            times.add(t);
            times.add(t.plusNanos(1000)); // neighbours a microsecond apart
        }
        List<Instant> byTime = times.stream().sorted().toList();
        List<Instant> byText = times.stream().sorted(Comparator.comparing(StoredTimes::text)).toList();
        assertEquals(byTime, byText);
    }

    @Test
    void boundsRoundUpSoCutTimesCompareAsTheOriginalsWould() {
        Instant t = Instant.parse("2026-11-27T14:12:42.742247Z");
        assertEquals(t, StoredTimes.bound(t));
        assertEquals(t.plusNanos(1000), StoredTimes.bound(t.plusNanos(1)));
        assertEquals(t, StoredTimes.bound(t.minusNanos(999)));
        assertTrue(StoredTimes.beyondMax(StoredTimes.bound(StoredTimes.MAX.plusNanos(1))));
        assertTrue(StoredTimes.atOrBeforeMin(StoredTimes.MIN));
    }

    @Test
    void timesOutsideTheYears1To9999AreRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoredTimes.text(Instant.parse("+10000-01-01T00:00:00Z")));
        assertTrue(e.getMessage().contains("outside the years 1 to 9999"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StoredTimes.text(StoredTimes.MIN.minusNanos(1000)));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> StoredTimes.parse("2026-11-27 14:12:42"));
        assertTrue(bad.getMessage().contains("yyyy-MM-ddTHH:mm:ss.SSSSSSZ"), bad.getMessage());
    }

    private static Instant randomStorable(Random rnd) {
        long lo = StoredTimes.MIN.getEpochSecond();
        long hi = StoredTimes.MAX.getEpochSecond();
        return Instant.ofEpochSecond(lo + (long) (rnd.nextDouble() * (hi - lo)), rnd.nextInt(1_000_000) * 1000L);
    }
}
