package dev.grove.smile;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.grove.ModelIntegrityException;
import dev.grove.artifact.GroveJson;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.StreamCorruptedException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import smile.classification.RandomForest;
import smile.validation.ClassificationMetrics;

/**
 * The model file: a magic line {@value #MAGIC}, a 4-byte big-endian length and that many bytes
 * of JSON ({@link SmileModelHeader}), then the Java-serialized {@link RandomForest}, read back
 * only through {@link SmileClassFilter}.
 *
 * <p>The bytes are reproducible: Smile's per-tree out-of-bag metrics carry wall-clock fit and
 * score times, and its forest-level out-of-bag tally is summed from several threads without
 * synchronisation, so both are normalised on the way out (times 0; the forest-level error and
 * accuracy unset). Tree weights (each tree's out-of-bag accuracy) are kept: predictions use them.
 */
final class SmileModelFormat {
    static final String MAGIC = "GROVE-SMILE/1";
    private static final byte[] MAGIC_LINE = (MAGIC + "\n").getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEADER_BYTES = 256 << 20;

    private SmileModelFormat() {
    }

    static void write(OutputStream out, SmileModelHeader header, RandomForest forest) throws IOException {
        byte[] json = GroveJson.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(header);
        // Java serialization makes many small writes: buffer them (unbuffered, a 56 MB forest took 20 s).
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        data.write(MAGIC_LINE);
        data.writeInt(json.length);
        data.write(json);
        ObjectOutputStream objects = new ReproducibleObjectOutputStream(data, forest.metrics());
        objects.writeObject(forest);
        objects.flush(); // flushes the buffer too; the caller's stream stays open
    }

    /** A model read back; throws {@link ModelIntegrityException} for anything but a well-formed model file. */
    record Read(SmileModelHeader header, RandomForest forest) {
    }

    static Read read(InputStream raw) throws IOException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        byte[] magic = in.readNBytes(MAGIC_LINE.length);
        if (!Arrays.equals(magic, MAGIC_LINE)) {
            throw new ModelIntegrityException("not a Grove Smile model: the file does not start with " + MAGIC
                    + "; it was not written by the smile trainer (or by another format version)");
        }
        DataInputStream data = new DataInputStream(in);
        SmileModelHeader header;
        try {
            int length = data.readInt();
            if (length <= 0 || length > MAX_HEADER_BYTES) {
                throw new ModelIntegrityException("damaged Grove Smile model: its header length " + length
                        + " is out of range; restore the file from the training output");
            }
            byte[] json = data.readNBytes(length);
            if (json.length < length) {
                throw truncated(null);
            }
            header = GroveJson.mapper().readValue(json, SmileModelHeader.class);
        } catch (EOFException e) {
            throw truncated(e);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ModelIntegrityException("damaged Grove Smile model: its header is not valid ("
                    + e.getOriginalMessage() + "); restore the file from the training output", e);
        }
        if (header.classes() == null || header.features() == null || header.params() == null) {
            throw new ModelIntegrityException("damaged Grove Smile model: its header lacks classes, features or params");
        }
        SmileClassFilter filter = new SmileClassFilter();
        Object forest;
        try {
            ObjectInputStream objects = new FilteredObjectInputStream(data, filter);
            objects.setObjectInputFilter(filter);
            forest = objects.readObject();
        } catch (InvalidClassException e) {
            throw filter.rejected()
                    .map(c -> new ModelIntegrityException("refused to load the model: it contains " + c
                            + ", which is not on the Smile model allow-list; the file is not a forest Grove wrote "
                            + "and may be hostile: do not use it", e))
                    .orElseGet(() -> new ModelIntegrityException("damaged Grove Smile model: " + e.getMessage(), e));
        } catch (EOFException e) {
            throw truncated(e);
        } catch (StreamCorruptedException | ClassNotFoundException | ClassCastException | IllegalStateException e) {
            throw new ModelIntegrityException("damaged Grove Smile model (" + e + "); restore the file from the "
                    + "training output", e);
        }
        if (!(forest instanceof RandomForest rf)) {
            throw new ModelIntegrityException("damaged Grove Smile model: it holds a "
                    + (forest == null ? "null" : forest.getClass().getName()) + " instead of a Smile RandomForest");
        }
        return new Read(header, rf);
    }

    private static ModelIntegrityException truncated(Exception cause) {
        return new ModelIntegrityException("damaged Grove Smile model: the file ends early (truncated copy?); "
                + "restore it from the training output", cause);
    }

    /** Writes timing-free metrics so equal forests give equal bytes. */
    private static final class ReproducibleObjectOutputStream extends ObjectOutputStream {
        private final ClassificationMetrics forestMetrics;

        ReproducibleObjectOutputStream(OutputStream out, ClassificationMetrics forestMetrics) throws IOException {
            super(out);
            this.forestMetrics = forestMetrics;
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            if (obj == forestMetrics) {
                return new ClassificationMetrics(0, 0, forestMetrics.size, -1, Double.NaN);
            }
            if (obj instanceof ClassificationMetrics m) {
                return new ClassificationMetrics(0, 0, m.size, m.error, m.accuracy, m.sensitivity, m.specificity,
                        m.precision, m.f1, m.mcc, m.auc, m.logloss, m.crossentropy);
            }
            return obj;
        }
    }

    /**
     * Resolves classes through this module's loader (works in embedding apps with their own loaders),
     * and only classes whose names are on the allow-list: any other name is refused before the class
     * is looked up, so it is never loaded, let alone initialised. The filter then vets every class,
     * array length and the graph's size before any instance exists. A forest holds no proxies: all
     * are refused.
     */
    private static final class FilteredObjectInputStream extends ObjectInputStream {
        private final SmileClassFilter filter;

        FilteredObjectInputStream(InputStream in, SmileClassFilter filter) throws IOException {
            super(in);
            this.filter = filter;
        }

        @Override
        protected Class<?> resolveProxyClass(String[] interfaces) throws IOException {
            String names = String.join(", ", interfaces);
            filter.rejectName("a proxy of " + names);
            throw new InvalidClassException(names, "proxies are not on the Smile model allow-list");
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            if (!SmileClassFilter.allowsName(desc.getName())) {
                filter.rejectName(desc.getName());
                throw new InvalidClassException(desc.getName(), "not on the Smile model allow-list");
            }
            try {
                return Class.forName(desc.getName(), false, SmileModelFormat.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
