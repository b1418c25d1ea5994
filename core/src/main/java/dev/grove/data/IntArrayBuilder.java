package dev.grove.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A growable primitive int array, so reading a column never boxes a cell; grows in chunks as {@link DoubleArrayBuilder} does. */
final class IntArrayBuilder {
    private static final int CHUNK = 1 << 14;

    private final List<int[]> full = new ArrayList<>();
    private int[] current = new int[256];
    private int inCurrent;

    void add(int v) {
        if (inCurrent == current.length) {
            if (current.length < CHUNK) {
                current = Arrays.copyOf(current, CHUNK); // small columns stay small
            } else {
                full.add(current);
                current = new int[CHUNK];
                inCurrent = 0;
            }
        }
        current[inCurrent++] = v;
    }

    int size() {
        return full.size() * CHUNK + inCurrent;
    }

    int[] build() {
        int[] all = new int[size()];
        int at = 0;
        for (int[] chunk : full) {
            System.arraycopy(chunk, 0, all, at, CHUNK);
            at += CHUNK;
        }
        System.arraycopy(current, 0, all, at, inCurrent);
        return all;
    }
}
