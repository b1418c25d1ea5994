package dev.grove.smile;

import dev.grove.ModelIntegrityException;
import dev.grove.internal.FramedModelFile;
import dev.grove.train.FeatureSpec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.StreamCorruptedException;
import java.util.Arrays;
import java.util.List;
import smile.classification.RandomForest;

/**
 * The model file. Since format 2: a magic line {@value #MAGIC}, a 4-byte big-endian length and
 * that many bytes of JSON ({@link SmileModelHeader}), then the trees as plain numbers
 * ({@link FlatSmileForest#write}): no Java deserialization, so a hostile file can at worst be
 * refused. Equal forests give equal bytes (Smile's wall-clock times never reach the file).
 *
 * <p>Format 1 ({@value #MAGIC_V1}) held the Java-serialized {@link RandomForest} instead; such
 * files still load, read only through {@link SmileClassFilter}, and are flattened on the way in.
 */
final class SmileModelFormat {
    static final String MAGIC = "GROVE-SMILE/2";
    static final String MAGIC_V1 = "GROVE-SMILE/1";
    private static final FramedModelFile FRAME = new FramedModelFile("Grove Smile model", SmileTrainer.NAME, 256 << 20);

    private SmileModelFormat() {
    }

    static void write(OutputStream out, SmileModelHeader header, FlatSmileForest forest) throws IOException {
        DataOutputStream data = FRAME.begin(out, MAGIC, header);
        forest.write(data);
        data.flush(); // the caller's stream stays open
    }

    /** A model read back; throws {@link ModelIntegrityException} for anything but a well-formed model file. */
    record Read(SmileModelHeader header, FlatSmileForest forest) {
    }

    static Read read(InputStream raw) throws IOException {
        FramedModelFile.Opened opened = FRAME.open(raw, MAGIC, MAGIC_V1);
        DataInputStream data = opened.data();
        SmileModelHeader header = FRAME.header(data, SmileModelHeader.class);
        if (header.classes() == null || header.features() == null || header.params() == null) {
            throw FRAME.damaged("its header lacks classes, features or params", null);
        }
        if (header.classes().size() < 2 || header.features().isEmpty()) {
            throw FRAME.damaged("its header names " + header.classes().size() + " classes and "
                    + header.features().size() + " features; a forest needs at least two classes and one feature", null);
        }
        if (opened.magic().equals(MAGIC_V1)) {
            return new Read(header, flatten(header, readSerialized(data)));
        }
        FlatSmileForest forest = FRAME.body(data,
                trees -> FlatSmileForest.read(trees, header.features().size(), header.classes().size()));
        return new Read(header, forest);
    }

    /** A format-1 forest, checked against its header and flattened. */
    private static FlatSmileForest flatten(SmileModelHeader h, RandomForest forest) {
        if (forest.numClasses() != h.classes().size()) {
            throw new ModelIntegrityException("damaged Grove Smile model: the forest predicts " + forest.numClasses()
                    + " classes but its header names " + h.classes().size());
        }
        List<String> schema = Arrays.stream(forest.schema().fields()).map(f -> f.name).toList();
        List<String> features = h.features().stream().map(FeatureSpec::name).toList();
        if (!schema.equals(features)) {
            throw new ModelIntegrityException("damaged Grove Smile model: the forest reads " + schema
                    + " but its header lists the features " + features);
        }
        return FlatSmileForest.of(forest, features.size());
    }

    /** The Java-serialized forest of a format-1 file, read through the allow-list. */
    private static RandomForest readSerialized(DataInputStream data) throws IOException {
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
            throw FRAME.truncated(e);
        } catch (StreamCorruptedException | ClassNotFoundException | ClassCastException | IllegalStateException e) {
            throw new ModelIntegrityException("damaged Grove Smile model (" + e + "); restore the file from the "
                    + "training output", e);
        }
        if (!(forest instanceof RandomForest rf)) {
            throw new ModelIntegrityException("damaged Grove Smile model: it holds a "
                    + (forest == null ? "null" : forest.getClass().getName()) + " instead of a Smile RandomForest");
        }
        return rf;
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
