package dev.grove.data;

import dev.grove.internal.Sha256;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The SHA-256 of rows built in memory, from a canonical rendering that depends only on the rows'
 * content, never on how they were built (columns, maps or a JDBC result) or in which order the
 * columns were given. The rendering (version 1) is documented, for users, on {@link Dataset#builder}.
 */
final class RowsFingerprint {
    private static final byte MISSING = 0;
    private static final byte NUMBER = 1;
    private static final byte TEXT = 2;

    private RowsFingerprint() {
    }

    static String of(List<Column> features, CategoricalColumn label) {
        List<Column> columns = new ArrayList<>(features);
        columns.add(label);
        columns.sort(Comparator.comparing(Column::name));
        MessageDigest sha = Sha256.digest();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                new DigestOutputStream(OutputStream.nullOutputStream(), sha), 1 << 16))) {
            out.write("grove-rows-v1".getBytes(StandardCharsets.UTF_8));
            out.writeInt(columns.size());
            List<byte[][]> levels = new ArrayList<>();
            for (Column c : columns) {
                out.writeByte(c == label ? 'L' : c instanceof NumericColumn ? 'N' : 'C');
                text(out, c.name().getBytes(StandardCharsets.UTF_8));
                levels.add(c instanceof CategoricalColumn cat ? utf8(cat.levels()) : null);
            }
            for (int row = 0; row < label.size(); row++) {
                for (int k = 0; k < columns.size(); k++) {
                    Column c = columns.get(k);
                    if (c.isMissing(row)) {
                        out.writeByte(MISSING);
                    } else if (c instanceof NumericColumn n) {
                        out.writeByte(NUMBER);
                        out.writeLong(Double.doubleToLongBits(n.get(row)));
                    } else {
                        out.writeByte(TEXT);
                        text(out, levels.get(k)[((CategoricalColumn) c).code(row)]);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // nothing here does I/O
        }
        return Sha256.hex(sha);
    }

    private static void text(DataOutputStream out, byte[] utf8) throws IOException {
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static byte[][] utf8(List<String> levels) {
        byte[][] b = new byte[levels.size()][];
        for (int i = 0; i < b.length; i++) {
            b[i] = levels.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return b;
    }
}
