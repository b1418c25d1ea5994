package dev.grove.internal.forest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowBlocksTest {
    @Test
    void everyRowIsVisitedExactlyOnceOnAnyThreadCount() {
        for (int n : new int[] {0, 1, RowBlocks.BLOCK, 5 * RowBlocks.BLOCK + 17, 40 * RowBlocks.BLOCK + 5,
                3 * RowBlocks.MAX_BLOCK + 3}) {
            for (int threads : new int[] {1, 2, 8}) {
                int[] visits = new int[n];
                RowBlocks.run(n, threads, (from, to) -> {
                    for (int r = from; r < to; r++) {
                        visits[r]++;
                    }
                });
                int[] once = new int[n];
                Arrays.fill(once, 1);
                assertArrayEquals(once, visits, n + " rows on " + threads + " threads");
            }
        }
    }

    @Test
    void blocksGrowWithTheRowsBetweenTheBounds() {
        assertEquals(RowBlocks.BLOCK, RowBlocks.blockSize(1, 2));
        assertEquals(RowBlocks.BLOCK, RowBlocks.blockSize(4 * RowBlocks.BLOCK, 2));
        assertEquals(50_000, RowBlocks.blockSize(200_000, 2));
        assertEquals(12_500, RowBlocks.blockSize(200_000, 8));
        assertEquals(RowBlocks.MAX_BLOCK, RowBlocks.blockSize(Integer.MAX_VALUE, 1));
    }

    @Test
    void aFailingBlockFailsTheRunWithItsOwnException() {
        IllegalStateException boom = new IllegalStateException("boom");
        var e = assertThrows(IllegalStateException.class, () -> RowBlocks.run(10 * RowBlocks.BLOCK, 2, (from, to) -> {
            if (from >= 3 * RowBlocks.BLOCK) {
                throw boom;
            }
        }));
        assertSame(boom, e);
    }

    @Test
    void threadsComeFromTheFitsParamsElseEveryCoreAndNeverMoreThanTheCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(1, RowBlocks.threads(Map.of("threads", 1)));
        assertEquals(Math.min(3, cores), RowBlocks.threads(Map.of("threads", 3)));
        assertEquals(cores, RowBlocks.threads(Map.of("threads", 100_000)), "a forged file cannot start 100k threads");
        assertEquals(cores, RowBlocks.threads(Map.of()));
        assertEquals(cores, RowBlocks.threads(Map.of("threads", 0)));
    }
}
