package dev.grove.data;

import java.util.Arrays;
import java.util.Objects;

/** A column of finite doubles; a missing cell is {@code NaN}. */
public final class NumericColumn implements Column {
    private final String name;
    private final double[] values;
    private final int missing;

    /** Takes ownership of {@code values}: the caller must not modify the array afterwards. */
    NumericColumn(String name, double[] values) {
        this.name = Objects.requireNonNull(name);
        this.values = values;
        int m = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                m++;
            }
        }
        this.missing = m;
    }

    /** A column from a copy of {@code values} ({@code NaN} marks a missing cell). */
    public static NumericColumn of(String name, double... values) {
        return new NumericColumn(name, values.clone());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.NUMERIC;
    }

    @Override
    public int size() {
        return values.length;
    }

    /** The value of a row, {@code NaN} when missing. */
    public double get(int row) {
        return values[row];
    }

    @Override
    public boolean isMissing(int row) {
        return Double.isNaN(values[row]);
    }

    @Override
    public int missingCount() {
        return missing;
    }

    /** A copy of all values. */
    public double[] toArray() {
        return values.clone();
    }

    @Override
    public NumericColumn select(int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return new NumericColumn(name, out);
    }

    @Override
    public String toString() {
        return "NumericColumn[" + name + ", " + values.length + " rows, " + missing + " missing]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumericColumn c && c.name.equals(name) && Arrays.equals(c.values, values);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(values);
    }
}
