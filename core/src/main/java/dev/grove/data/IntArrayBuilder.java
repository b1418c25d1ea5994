package dev.grove.data;

import java.util.Arrays;

/** A growable primitive int array, so reading a column never boxes a cell. */
final class IntArrayBuilder {
    private int[] data = new int[1024];
    private int size;

    void add(int v) {
        if (size == data.length) {
            data = Arrays.copyOf(data, data.length + (data.length >> 1));
        }
        data[size++] = v;
    }

    int size() {
        return size;
    }

    int[] build() {
        return size == data.length ? data : Arrays.copyOf(data, size);
    }
}
