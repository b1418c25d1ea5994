package dev.grove.data;

import dev.grove.CancelledException;
import dev.grove.InvalidDataException;
import dev.grove.InvalidRequestException;
import dev.grove.internal.MissingColumnsException;
import dev.grove.internal.Sha256;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a CSV file into columns of primitives in one streaming pass (a second pass only when a
 * column that looked numeric turns out to hold text), hashing the bytes as they go by.
 * Every problem with the file becomes an {@link InvalidDataException} naming the file, the
 * place and the fix.
 */
public final class CsvReader {
    private static final Logger LOG = LoggerFactory.getLogger(CsvReader.class);
    /** An interrupted thread stops reading within this many rows (+1): a big file is not read to its end for nothing. */
    private static final int CANCEL_CHECK_MASK = (1 << 13) - 1;
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private CsvReader() {
    }

    /** Reads features and a label (see {@link CsvOptions}); rows with a missing label are dropped and counted. */
    public static Dataset readDataset(Path path, CsvOptions options) {
        Parsed p = parse(path, options, true);
        List<DataWarning> warnings = DecimalCommaCheck.warnings(p.table.columns(), options);
        warnings.forEach(w -> LOG.warn("{}: {}", path, w.message()));
        return new Dataset(p.table, p.labelName, p.classes, p.labels, warnings);
    }

    /** Reads feature columns only (no label), e.g. rows to predict. */
    public static Table readTable(Path path, CsvOptions options) {
        return parse(path, options, false).table;
    }

    private record Parsed(Table table, String labelName, List<String> classes, int[] labels) {
    }

    private static Parsed parse(Path path, CsvOptions options, boolean withLabel) {
        checkReadable(path);
        Set<String> forced = new HashSet<>(options.categorical());
        while (true) {
            try {
                return pass(path, options, withLabel, forced);
            } catch (ColumnBuilder.Retype r) {
                LOG.debug("column {} holds text after numbers; reading {} again with it categorical", r.column, path);
                forced.add(r.column);
            }
        }
    }

    /**
     * Fails with the same message a read would give when {@code path} is missing, a directory or
     * unreadable; lets a caller check the file before it opens anything else.
     */
    public static void requireReadable(Path path) {
        checkReadable(path);
    }

    private static void checkReadable(Path path) {
        if (!Files.exists(path)) {
            throw new InvalidDataException("dataset " + path + " does not exist; check the path (relative paths start at "
                    + Path.of("").toAbsolutePath() + ")");
        }
        if (Files.isDirectory(path)) {
            throw new InvalidDataException("dataset " + path + " is a directory; give the path of a CSV file inside it");
        }
        if (!Files.isReadable(path)) {
            throw new InvalidDataException("dataset " + path + " is not readable; check its permissions");
        }
    }

    private static Parsed pass(Path path, CsvOptions options, boolean withLabel, Set<String> forcedCategorical) {
        MessageDigest sha = Sha256.digest();
        try (InputStream raw = Files.newInputStream(path);
             DigestInputStream digest = new DigestInputStream(new BufferedInputStream(raw, 1 << 16), sha);
             Reader reader = utf8Text(digest)) {
            CsvRecords records = new CsvRecords(reader, options.delimiter(), options.decimal());
            if (!hasNext(records, path)) {
                throw new InvalidDataException("dataset " + path + " is empty; it needs a header row naming the columns, "
                        + "then one row per example");
            }
            List<String> header = header(List.of(records.toArray()), path, options.decimal());
            Layout layout = Layout.of(header, options, withLabel, path);

            ColumnBuilder[] builders = new ColumnBuilder[header.size()];
            for (int c : layout.features) {
                String name = header.get(c);
                builders[c] = new ColumnBuilder(name, forcedCategorical.contains(name));
            }
            LevelIndex classes = new LevelIndex();
            IntArrayBuilder labels = new IntArrayBuilder();
            int rowsRead = 0;
            int dropped = 0;
            Set<String> missing = options.missingTokens();
            int longestMissing = missing.stream().mapToInt(String::length).max().orElse(-1);
            while (hasNext(records, path)) {
                rowsRead++;
                if ((rowsRead & CANCEL_CHECK_MASK) == 0 && Thread.currentThread().isInterrupted()) {
                    throw new CancelledException("reading " + path + " was cancelled: its thread was interrupted");
                }
                if (records.size() != header.size()) {
                    throw new InvalidDataException("dataset " + path + " line " + records.line() + " has "
                            + records.size() + " fields but the header has " + header.size()
                            + "; every row needs one value per column (quote values that contain '"
                            + options.delimiter() + "')");
                }
                if (withLabel) {
                    if (isMissing(records, layout.label, missing, longestMissing)) {
                        dropped++;
                        continue;
                    }
                    labels.add(classes.codeOf(records, layout.label));
                }
                long line = records.line();
                for (int c : layout.features) {
                    if (isMissing(records, c, missing, longestMissing)) {
                        builders[c].addMissing();
                    } else {
                        builders[c].add(records, c, line);
                    }
                }
            }
            digest.transferTo(java.io.OutputStream.nullOutputStream()); // hash every byte, even past the last record
            if (rowsRead == 0) {
                throw new InvalidDataException("dataset " + path + " has a header but no data rows; add at least one row per class");
            }
            int rows = rowsRead - dropped;
            if (withLabel && rows == 0) {
                throw new InvalidDataException("dataset " + path + ": every row's label '" + header.get(layout.label)
                        + "' is missing; fill in the labels or choose another label column");
            }
            List<Column> columns = new ArrayList<>();
            for (int c : layout.features) {
                try {
                    columns.add(builders[c].build());
                } catch (InvalidDataException e) {
                    throw new InvalidDataException("dataset " + path + ": " + e.getMessage(), e);
                }
            }
            DatasetSource source = new DatasetSource(path.toAbsolutePath().normalize().toString(),
                    Sha256.hex(sha), Files.size(path), rowsRead, dropped);
            Table table = new Table(columns, rows, source);
            if (dropped > 0) {
                LOG.info("{}: dropped {} of {} rows whose label '{}' is missing", path, dropped, rowsRead,
                        header.get(layout.label));
            }
            return withLabel
                    ? new Parsed(table, header.get(layout.label), classes.levels(), labels.build())
                    : new Parsed(table, "", List.of(), new int[0]);
        } catch (IOException e) {
            throw new InvalidDataException("cannot read dataset " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The text of a UTF-8 stream, past a leading byte-order mark (Excel's "CSV UTF-8" starts with
     * one; left in, it would become part of the first column's name). Undecodable bytes are errors.
     * The mark is dropped above {@code in}, so a digest below it still covers every byte.
     */
    static Reader utf8Text(InputStream in) throws IOException {
        PushbackInputStream bytes = new PushbackInputStream(in, BYTE_ORDER_MARK.length);
        byte[] start = bytes.readNBytes(BYTE_ORDER_MARK.length);
        if (!Arrays.equals(start, BYTE_ORDER_MARK)) {
            bytes.unread(start);
        }
        return new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** Whether a cell is one of the missing tokens; most cells are longer than all of them and are not looked up. */
    private static boolean isMissing(CsvRecords records, int cell, Set<String> missing, int longestMissing) {
        return records.length(cell) <= longestMissing && missing.contains(records.get(cell));
    }

    static List<String> header(List<String> names, Path path, char decimal) {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        boolean allNumeric = true;
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (n.indexOf('\0') >= 0) {
                throw new InvalidDataException("dataset " + path + " contains NUL bytes: it looks like a binary file, "
                        + "not a CSV; give the path of a CSV text file");
            }
            if (n.isEmpty()) {
                throw new InvalidDataException("dataset " + path + ": header column " + (i + 1)
                        + " has no name; give every column a name in the first row");
            }
            if (!seen.add(n)) {
                duplicates.add(n);
            }
            allNumeric &= !Double.isNaN(NumberSyntax.parseDecimal(n, decimal));
        }
        if (!duplicates.isEmpty()) {
            throw new InvalidDataException("dataset " + path + " has duplicate column names: "
                    + String.join(", ", duplicates) + "; rename them so each column name is unique");
        }
        if (allNumeric) {
            throw new InvalidDataException("dataset " + path + " has no header row (the first line is all numbers: "
                    + String.join(",", names.subList(0, Math.min(5, names.size())))
                    + (names.size() > 5 ? ",…" : "") + "); add a first line naming the columns");
        }
        return names;
    }

    static boolean hasNext(CsvRecords records, Path path) throws IOException {
        try {
            return records.next();
        } catch (CharacterCodingException e) {
            throw new InvalidDataException("dataset " + path + " is not UTF-8 text (invalid bytes on line "
                    + lineOfFirstInvalidUtf8(path) + "); if it is a CSV in another encoding, re-save it as UTF-8; if it "
                    + "is not a CSV, give the path of one", e);
        } catch (CsvRecords.MalformedException e) {
            if (e.getMessage().startsWith("EOF reached")) {
                throw new InvalidDataException("dataset " + path + " has a quoted value that is never closed (a '\"' "
                        + "opened at line " + e.line + " runs to the end of the file); close the quote or remove it", e);
            }
            throw new InvalidDataException("dataset " + path + " is not well-formed CSV near line " + e.line + " ("
                    + e.getMessage() + "); fix the quoting on that line", e);
        }
    }

    /**
     * The line of the first byte that is not UTF-8. The reader decodes far ahead of the record it
     * splits, so its own position says little; this reads the file again, on this error only.
     */
    private static long lineOfFirstInvalidUtf8(Path path) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        CharBuffer out = CharBuffer.allocate(1 << 16);
        long line = 1;
        try (ReadableByteChannel file = Files.newByteChannel(path)) {
            boolean end = false;
            while (true) {
                end = end || file.read(in) < 0;
                in.flip();
                int from = in.position();
                CoderResult result = decoder.decode(in, out, end);
                for (int i = from; i < in.position(); i++) {
                    line += in.get(i) == '\n' ? 1 : 0; // a '\n' byte is never part of a longer UTF-8 character
                }
                if (result.isError() || (end && !in.hasRemaining())) {
                    return line;
                }
                out.clear();
                in.compact();
            }
        }
    }

    /** Which header positions are the label and the features. */
    private record Layout(int label, int[] features) {
        static Layout of(List<String> header, CsvOptions options, boolean withLabel, Path path) {
            Set<String> absent = new LinkedHashSet<>();
            int label = -1;
            if (withLabel) {
                String name = options.label().orElse(header.get(header.size() - 1));
                label = header.indexOf(name);
                if (label < 0) {
                    absent.add(name);
                }
            }
            for (String n : options.include()) {
                if (!header.contains(n)) {
                    absent.add(n);
                }
            }
            for (String n : options.exclude()) {
                if (!header.contains(n)) {
                    absent.add(n);
                }
            }
            if (!absent.isEmpty()) {
                throw new MissingColumnsException(path.toString(), List.copyOf(absent), header);
            }
            List<Integer> features = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                String n = header.get(i);
                boolean wanted = options.include().isEmpty() || options.include().contains(n);
                if (i != label && wanted && !options.exclude().contains(n)) {
                    features.add(i);
                }
            }
            if (withLabel && options.include().contains(header.get(label))) {
                throw new InvalidRequestException("column '" + header.get(label)
                        + "' is the label, so it cannot also be a feature; remove it from the feature list");
            }
            if (withLabel && options.exclude().contains(header.get(label))) {
                throw new InvalidRequestException("column '" + header.get(label) + "' is the label, which is never a "
                        + "feature, so excluding it has no meaning: remove it from the excluded columns, or choose "
                        + "another label column");
            }
            return new Layout(label, features.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
