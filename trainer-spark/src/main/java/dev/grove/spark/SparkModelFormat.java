package dev.grove.spark;

import dev.grove.ModelIntegrityException;
import dev.grove.internal.GroveJson;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The model file the spark trainer writes and loads without Spark: a magic line {@value #MAGIC},
 * a 4-byte big-endian length and that many bytes of JSON ({@link SparkModelHeader}), then the
 * trees as plain numbers ({@link SparkForest#write}). No Java deserialization: anything else is
 * refused with {@link ModelIntegrityException}.
 */
final class SparkModelFormat {
    static final String MAGIC = "GROVE-SPARK/1";
    private static final byte[] MAGIC_LINE = (MAGIC + "\n").getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEADER_BYTES = 64 << 20;

    private SparkModelFormat() {
    }

    static void write(OutputStream out, SparkModelHeader header, SparkForest forest) throws IOException {
        byte[] json = GroveJson.compactWriter().writeValueAsBytes(header);
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        data.write(MAGIC_LINE);
        data.writeInt(json.length);
        data.write(json);
        forest.write(data);
        data.flush(); // the caller's stream stays open
    }

    /** A model file read back. */
    record Read(SparkModelHeader header, SparkForest forest) {
    }

    static Read read(InputStream raw) throws IOException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        byte[] magic = in.readNBytes(MAGIC_LINE.length);
        if (!Arrays.equals(magic, MAGIC_LINE)) {
            throw new ModelIntegrityException("not a Grove Spark model: the file does not start with " + MAGIC
                    + "; it was not written by the spark trainer (load it with the trainer that wrote it)");
        }
        DataInputStream data = new DataInputStream(in);
        SparkModelHeader header = readHeader(data);
        byte[] body = data.readAllBytes();
        DataInputStream trees = new DataInputStream(new ByteArrayInputStream(body));
        SparkForest forest;
        try {
            forest = SparkForest.read(trees, header.features().size(), header.classes().size());
        } catch (EOFException e) {
            throw truncated(e);
        } catch (IOException e) {
            throw new ModelIntegrityException("damaged Grove Spark model: " + e.getMessage()
                    + "; restore the file from the training output", e);
        }
        if (trees.available() != 0) {
            throw new ModelIntegrityException("damaged Grove Spark model: " + trees.available()
                    + " unexpected bytes after the trees; restore the file from the training output");
        }
        return new Read(header, forest);
    }

    private static SparkModelHeader readHeader(DataInputStream data) throws IOException {
        SparkModelHeader header;
        try {
            int length = data.readInt();
            if (length <= 0 || length > MAX_HEADER_BYTES) {
                throw new ModelIntegrityException("damaged Grove Spark model: its header length " + length
                        + " is out of range; restore the file from the training output");
            }
            byte[] json = data.readNBytes(length);
            if (json.length < length) {
                throw truncated(null);
            }
            header = GroveJson.reader(SparkModelHeader.class).readValue(json);
        } catch (EOFException e) {
            throw truncated(e);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ModelIntegrityException("damaged Grove Spark model: its header is not valid ("
                    + e.getOriginalMessage() + "); restore the file from the training output", e);
        }
        if (header.sparkVersion() == null || header.classes() == null || header.features() == null
                || header.params() == null) {
            throw new ModelIntegrityException("damaged Grove Spark model: its header lacks the Spark version, classes, "
                    + "features or params; restore the file from the training output");
        }
        if (header.classes().size() < 2 || header.features().isEmpty()) {
            throw new ModelIntegrityException("damaged Grove Spark model: its header names " + header.classes().size()
                    + " classes and " + header.features().size() + " features; a forest needs at least two classes "
                    + "and one feature");
        }
        return header;
    }

    private static ModelIntegrityException truncated(Throwable cause) {
        return new ModelIntegrityException("damaged Grove Spark model: the file ends too early (truncated); restore it "
                + "from the training output", cause);
    }
}
