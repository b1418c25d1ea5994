package dev.grove.tribuo;

/**
 * The training inputs by input and row, read by {@link ColumnExample}s: the coded inputs once they
 * exist ({@link InputCodes}), else the input columns themselves.
 */
@FunctionalInterface
interface InputColumns {
    /** The value of input {@code input} in training row {@code row}. */
    double at(int input, int row);
}
