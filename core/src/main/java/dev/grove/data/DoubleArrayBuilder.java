package dev.grove.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A growable primitive double array, so reading a column never boxes a cell. Grows in fixed
 * chunks copied once into the final array: growing one array by copying allocated three times the
 * column and kept the young generation busy copying the live copies (a third of the time a cold
 * read of synth_100k took was such GC pauses).
 */
final class DoubleArrayBuilder {
    private static final int CHUNK = 1 << 14;

    private final List<double[]> full = new ArrayList<>();
    private double[] current = new double[256];
    private int inCurrent;

    void add(double v) {
        if (inCurrent == current.length) {
            if (current.length < CHUNK) {
                current = Arrays.copyOf(current, CHUNK); // small columns stay small
            } else {
                full.add(current);
                current = new double[CHUNK];
                inCurrent = 0;
            }
        }
        current[inCurrent++] = v;
    }

    int size() {
        return full.size() * CHUNK + inCurrent;
    }

    double[] build() {
        double[] all = new double[size()];
        int at = 0;
        for (double[] chunk : full) {
            System.arraycopy(chunk, 0, all, at, CHUNK);
            at += CHUNK;
        }
        System.arraycopy(current, 0, all, at, inCurrent);
        return all;
    }
}
