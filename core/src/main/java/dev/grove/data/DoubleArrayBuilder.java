package dev.grove.data;

import java.util.Arrays;

/** A growable primitive double array, so reading a column never boxes a cell. */
final class DoubleArrayBuilder {
    private double[] data = new double[1024];
    private int size;

    void add(double v) {
        if (size == data.length) {
            data = Arrays.copyOf(data, data.length + (data.length >> 1));
        }
        data[size++] = v;
    }

    int size() {
        return size;
    }

    double[] build() {
        return size == data.length ? data : Arrays.copyOf(data, size);
    }
}
