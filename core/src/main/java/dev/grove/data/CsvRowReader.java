package dev.grove.data;

import dev.grove.InvalidDataException;
import dev.grove.internal.MissingColumnsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a CSV file of any size a chunk of rows at a time, in one pass with the same splitter,
 * trimming and missing-value tokens as {@link CsvReader}. Each {@link RowChunk} holds the columns
 * asked for, typed as asked (a numeric column must hold numbers, written with
 * {@link CsvOptions#decimal()}; anything else is an error naming its line and column), and every
 * row's cells as read, so results can be written beside the rows they belong to.
 *
 * <p>Only the delimiter, decimal separator and missing tokens of the {@link CsvOptions} apply;
 * the columns are those named here. Not thread-safe; close it when done.
 */
public final class CsvRowReader implements AutoCloseable {
    /** Rows per chunk by default: big enough to predict efficiently, small enough for any file. */
    public static final int DEFAULT_CHUNK_ROWS = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(CsvRowReader.class);

    private final Path path;
    private final CsvOptions options;
    private final int chunkRows;
    private final Reader text;
    private final CsvRecords records;
    private final List<String> header;
    private final Map<String, ColumnType> columns;
    private final int[] positions;
    private boolean done;

    private CsvRowReader(Path path, CsvOptions options, Map<String, ColumnType> columns, int chunkRows)
            throws IOException {
        this.path = path;
        this.options = options;
        this.chunkRows = chunkRows;
        this.columns = new LinkedHashMap<>(columns);
        InputStream in = Files.newInputStream(path);
        try {
            this.text = CsvReader.utf8Text(in);
            this.records = new CsvRecords(text, options.delimiter(), options.decimal());
            if (!CsvReader.hasNext(records, path)) {
                throw new InvalidDataException("dataset " + path + " is empty; it needs a header row naming the "
                        + "columns, then one row per example");
            }
            this.header = List.copyOf(CsvReader.header(List.of(records.toArray()), path, options.decimal()));
            List<String> absent = this.columns.keySet().stream().filter(n -> !header.contains(n)).toList();
            if (!absent.isEmpty()) {
                throw new MissingColumnsException(path.toString(), absent, header);
            }
            this.positions = this.columns.keySet().stream().mapToInt(header::indexOf).toArray();
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Opens {@code file} with chunks of {@link #DEFAULT_CHUNK_ROWS} rows; see {@link #open(Path, CsvOptions, Map, int)}. */
    public static CsvRowReader open(Path file, CsvOptions options, Map<String, ColumnType> columns) {
        return open(file, options, columns, DEFAULT_CHUNK_ROWS);
    }

    /**
     * Opens {@code file} and reads its header.
     *
     * @param columns   the columns to type, by name, in the order the chunks' tables hold them
     * @param chunkRows the most rows in one chunk
     * @throws InvalidDataException when the file is missing or empty, its header is not one, or it
     *                              lacks one of {@code columns}
     */
    public static CsvRowReader open(Path file, CsvOptions options, Map<String, ColumnType> columns, int chunkRows) {
        Objects.requireNonNull(options, "options");
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows must be positive, got " + chunkRows);
        }
        CsvReader.requireReadable(file);
        try {
            return new CsvRowReader(file, options, columns, chunkRows);
        } catch (IOException e) {
            throw new InvalidDataException("cannot read dataset " + file + ": " + e.getMessage(), e);
        }
    }

    /** The header row's names, in file order. */
    public List<String> header() {
        return header;
    }

    /** The next rows (at most the chunk size), or empty past the last row. */
    public Optional<RowChunk> next() {
        if (done) {
            return Optional.empty();
        }
        try {
            List<String[]> cells = new ArrayList<>(Math.min(chunkRows, 1024));
            List<Long> lines = new ArrayList<>(Math.min(chunkRows, 1024));
            while (cells.size() < chunkRows && CsvReader.hasNext(records, path)) {
                if (records.size() != header.size()) {
                    throw new InvalidDataException("dataset " + path + " line " + records.line() + " has "
                            + records.size() + " fields but the header has " + header.size() + "; every row needs "
                            + "one value per column (quote values that contain '" + options.delimiter() + "')");
                }
                cells.add(records.toArray());
                lines.add(records.line());
            }
            if (cells.isEmpty()) {
                done = true;
                return Optional.empty();
            }
            long[] lineArray = lines.stream().mapToLong(Long::longValue).toArray();
            return Optional.of(new RowChunk(table(cells, lineArray), cells, lineArray));
        } catch (IOException e) {
            throw new InvalidDataException("cannot read dataset " + path + ": " + e.getMessage(), e);
        }
    }

    private Table table(List<String[]> cells, long[] lines) {
        Set<String> missing = options.missingTokens();
        List<Column> out = new ArrayList<>(positions.length);
        int k = 0;
        for (Map.Entry<String, ColumnType> c : columns.entrySet()) {
            int at = positions[k++];
            if (c.getValue() == ColumnType.NUMERIC) {
                double[] v = new double[cells.size()];
                for (int i = 0; i < v.length; i++) {
                    String cell = cells.get(i)[at];
                    v[i] = missing.contains(cell) ? Double.NaN : number(cell, c.getKey(), lines[i]);
                }
                out.add(new NumericColumn(c.getKey(), v));
            } else {
                String[] v = new String[cells.size()];
                for (int i = 0; i < v.length; i++) {
                    String cell = cells.get(i)[at];
                    v[i] = missing.contains(cell) ? null : cell;
                }
                out.add(CategoricalColumn.of(c.getKey(), v));
            }
        }
        return new Table(out, cells.size(), DatasetSource.inMemory(path.toString(), cells.size()));
    }

    private double number(String cell, String column, long line) {
        double v = NumberSyntax.parseDecimal(cell, options.decimal());
        if (Double.isFinite(v)) {
            return v;
        }
        String what = Double.isNaN(v) && !NumberSyntax.isNonFinite(cell) ? "is not a number" : "is not a finite number";
        String hint = options.decimal() == '.' && !Double.isNaN(NumberSyntax.parseDecimal(cell, ','))
                ? " (it has a decimal comma: read the file with ',' as the decimal separator)" : "";
        String shown = cell.replace("\r", "\\r").replace("\n", "\\n"); // the message stays one line
        throw new InvalidDataException("dataset " + path + " line " + line + ", column '" + column + "': '" + shown
                + "' " + what + ", but the column is read as numbers; write a number there, or leave the cell empty "
                + "for a missing value" + hint);
    }

    @Override
    public void close() {
        try {
            text.close();
        } catch (IOException e) {
            LOG.debug("closing {}: {}", path, e.getMessage()); // read only: nothing is lost
        }
    }
}
