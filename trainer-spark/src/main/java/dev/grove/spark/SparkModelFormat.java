package dev.grove.spark;

import dev.grove.ModelIntegrityException;
import dev.grove.internal.FramedModelFile;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The model file the spark trainer writes and loads without Spark: a magic line {@value #MAGIC},
 * a 4-byte big-endian length and that many bytes of JSON ({@link SparkModelHeader}), then the
 * trees as plain numbers ({@link SparkForest#write}). No Java deserialization: anything else is
 * refused with {@link ModelIntegrityException}.
 */
final class SparkModelFormat {
    static final String MAGIC = "GROVE-SPARK/1";
    private static final FramedModelFile FRAME = new FramedModelFile("Grove Spark model", SparkTrainer.NAME, 64 << 20);

    private SparkModelFormat() {
    }

    static void write(OutputStream out, SparkModelHeader header, SparkForest forest) throws IOException {
        DataOutputStream data = FRAME.begin(out, MAGIC, header);
        forest.write(data);
        data.flush(); // the caller's stream stays open
    }

    /** A model file read back. */
    record Read(SparkModelHeader header, SparkForest forest) {
    }

    static Read read(InputStream raw) throws IOException {
        DataInputStream data = FRAME.open(raw, MAGIC).data();
        SparkModelHeader header = FRAME.header(data, SparkModelHeader.class);
        if (header.sparkVersion() == null || header.classes() == null || header.features() == null
                || header.params() == null) {
            throw FRAME.damaged("its header lacks the Spark version, classes, features or params", null);
        }
        if (header.classes().size() < 2 || header.features().isEmpty()) {
            throw FRAME.damaged("its header names " + header.classes().size() + " classes and "
                    + header.features().size() + " features; a forest needs at least two classes and one feature", null);
        }
        SparkForest forest = FRAME.body(data,
                trees -> SparkForest.read(trees, header.features().size(), header.classes().size()));
        return new Read(header, forest);
    }
}
