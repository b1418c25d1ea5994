package dev.grove.data;

/**
 * Collects one column while a CSV streams by. A column starts numeric and stays numeric while
 * every non-missing cell is a decimal number; text in a column that already holds numbers asks
 * the reader for another pass with the column read as categorical ({@link Retype}), because the
 * text of the earlier cells is gone by then.
 */
final class ColumnBuilder {
    private final String name;
    private final boolean categorical;
    private DoubleArrayBuilder numbers;
    private IntArrayBuilder codes;
    private LevelIndex levels;
    private int rows;
    private int present;
    private String nonFiniteText;
    private long nonFiniteLine;

    ColumnBuilder(String name, boolean categorical) {
        this.name = name;
        this.categorical = categorical;
        if (categorical) {
            codes = new IntArrayBuilder();
            levels = new LevelIndex();
        } else {
            numbers = new DoubleArrayBuilder();
        }
    }

    void addMissing() {
        rows++;
        if (codes != null) {
            codes.add(CategoricalColumn.MISSING);
        } else {
            numbers.add(Double.NaN);
        }
    }

    /** Adds cell {@code cell} of {@code record}, read on {@code line}; numbers are parsed without making a String. */
    void add(CsvRecords record, int cell, long line) {
        rows++;
        if (codes != null) {
            codes.add(levels.codeOf(record, cell));
            present++;
            return;
        }
        double v = record.decimal(cell);
        if (!Double.isNaN(v)) {
            if (Double.isInfinite(v) && nonFiniteText == null) { // e.g. 1e999: beyond a double, read as infinity
                nonFiniteText = record.get(cell);
                nonFiniteLine = line;
            }
            numbers.add(v);
            present++;
            return;
        }
        String text = record.get(cell);
        if (NumberSyntax.isNonFinite(text)) {
            if (nonFiniteText == null) {
                nonFiniteText = text;
                nonFiniteLine = line;
            }
            numbers.add(Double.NaN);
            present++;
        } else if (present == 0) {
            // Only missing cells so far: switch to categorical in place, nothing was lost.
            codes = new IntArrayBuilder();
            levels = new LevelIndex();
            for (int i = 0; i < rows - 1; i++) {
                codes.add(CategoricalColumn.MISSING);
            }
            numbers = null;
            codes.add(levels.codeOf(text));
            present++;
        } else {
            throw new Retype(name);
        }
    }

    Column build() {
        if (codes != null) {
            return new CategoricalColumn(name, levels.levels(), codes.build());
        }
        if (nonFiniteText != null) {
            throw new dev.grove.InvalidDataException("column '" + name + "' holds '" + nonFiniteText + "' on line "
                    + nonFiniteLine + ", which is not a finite number; leave the cell empty (or NA) to mark it "
                    + "missing, or write the real value");
        }
        return new NumericColumn(name, numbers.build());
    }

    boolean isCategorical() {
        return categorical;
    }

    /** Signals that a column must be re-read as categorical. */
    static final class Retype extends RuntimeException {
        final String column;

        Retype(String column) {
            super(null, null, false, false);
            this.column = column;
        }
    }
}
