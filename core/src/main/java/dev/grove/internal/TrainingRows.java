package dev.grove.internal;

import dev.grove.data.CategoricalColumn;
import dev.grove.data.Column;
import dev.grove.data.Dataset;
import dev.grove.data.NumericColumn;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The rows a model was trained on, kept as one 64-bit hash per row (8 bytes a row, in a file beside
 * the model), so that a later comparison can leave them out: a champion scored on rows it was
 * trained on looks better than it is. A row's hash covers the model's feature columns and label
 * by name — numbers by value, text by level, missing as missing — so the same row read again,
 * from a grown file or a query, hashes the same.
 */
public final class TrainingRows {
    private static final String MAGIC = "grove-training-rows/1";

    private final List<String> columns;
    private final long[] sorted;

    private TrainingRows(List<String> columns, long[] sorted) {
        this.columns = List.copyOf(columns);
        this.sorted = sorted;
    }

    /** The file beside {@code model} that holds its training rows. */
    public static Path fileOf(Path model) {
        return model.resolveSibling(model.getFileName() + ".rows");
    }

    /** Every row of {@code train}, hashed over its features and label. */
    public static TrainingRows of(Dataset train) {
        return of(train, java.util.stream.IntStream.range(0, train.size()).toArray());
    }

    /** {@code rows} of {@code data}, hashed over its features and label. */
    public static TrainingRows of(Dataset data, int[] rows) {
        List<String> columns = new ArrayList<>(data.features().columnNames());
        columns.add(data.labelName());
        Hasher h = new Hasher(data, columns);
        long[] hashes = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            hashes[i] = h.hash(rows[i]);
        }
        Arrays.sort(hashes);
        return new TrainingRows(columns, hashes);
    }

    public int size() {
        return sorted.length;
    }

    /**
     * The rows of {@code data} that are not among these training rows; empty when {@code data}
     * lacks one of their columns, so that they cannot be told apart.
     */
    public Optional<int[]> notIn(Dataset data) {
        for (String c : columns) {
            if (!c.equals(data.labelName()) && data.features().column(c).isEmpty()) {
                return Optional.empty();
            }
        }
        if (!columns.get(columns.size() - 1).equals(data.labelName())) {
            return Optional.empty();
        }
        Hasher h = new Hasher(data, columns);
        int[] kept = new int[data.size()];
        int n = 0;
        for (int row = 0; row < data.size(); row++) {
            if (Arrays.binarySearch(sorted, h.hash(row)) < 0) {
                kept[n++] = row;
            }
        }
        return Optional.of(Arrays.copyOf(kept, n));
    }

    public void write(OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeUTF(MAGIC);
        d.writeInt(columns.size());
        for (String c : columns) {
            d.writeUTF(c);
        }
        d.writeInt(sorted.length);
        for (long v : sorted) {
            d.writeLong(v);
        }
        d.flush();
    }

    public static TrainingRows read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        if (!MAGIC.equals(d.readUTF())) {
            throw new IOException("not a Grove training-rows file");
        }
        int n = d.readInt();
        List<String> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            columns.add(d.readUTF());
        }
        long[] hashes = new long[d.readInt()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = d.readLong();
        }
        for (int i = 1; i < hashes.length; i++) {
            if (hashes[i - 1] > hashes[i]) {
                throw new IOException("the training-rows file is not sorted");
            }
        }
        return new TrainingRows(columns, hashes);
    }

    /** One row's canonical rendering over named columns, hashed with SHA-256 (its first 8 bytes). */
    private static final class Hasher {
        private final List<Column> columns = new ArrayList<>();
        private final byte[][] names;
        private final MessageDigest sha = Sha256.digest();
        private final byte[] number = new byte[8];

        Hasher(Dataset data, List<String> names) {
            this.names = new byte[names.size()][];
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i);
                this.names[i] = n.getBytes(StandardCharsets.UTF_8);
                columns.add(n.equals(data.labelName()) ? labelColumn(data) : data.features().require(n));
            }
        }

        private static Column labelColumn(Dataset data) {
            String[] levels = new String[data.size()];
            for (int i = 0; i < levels.length; i++) {
                levels[i] = data.classes().get(data.label(i));
            }
            return CategoricalColumn.of(data.labelName(), levels);
        }

        long hash(int row) {
            sha.reset();
            for (int i = 0; i < names.length; i++) {
                sha.update(names[i]);
                Column c = columns.get(i);
                if (c.isMissing(row)) {
                    sha.update((byte) 'M');
                } else if (c instanceof NumericColumn n) {
                    double v = n.get(row);
                    long bits = Double.doubleToLongBits(v == 0.0 ? 0.0 : v); // -0.0 and 0.0 are one value
                    for (int b = 0; b < 8; b++) {
                        number[b] = (byte) (bits >>> (56 - 8 * b));
                    }
                    sha.update((byte) 'N');
                    sha.update(number);
                } else {
                    sha.update((byte) 'C');
                    sha.update(((CategoricalColumn) c).level(row).orElseThrow().getBytes(StandardCharsets.UTF_8));
                }
                sha.update((byte) 0);
            }
            byte[] d = sha.digest();
            long h = 0;
            for (int b = 0; b < 8; b++) {
                h = (h << 8) | (d[b] & 0xff);
            }
            return h;
        }
    }
}
