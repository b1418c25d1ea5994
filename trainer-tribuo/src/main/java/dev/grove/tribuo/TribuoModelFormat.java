package dev.grove.tribuo;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.grove.ModelIntegrityException;
import dev.grove.internal.GroveJson;
import dev.grove.data.ColumnType;
import dev.grove.train.FeatureEncoding;
import dev.grove.train.FeatureSpec;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * The model file: plain numbers and strings written with {@link DataOutputStream} and read
 * back with {@link DataInputStream} — no Java deserialization and no protobuf, so a hostile file
 * can at worst be refused, never run code. Chosen over Tribuo's protobuf (every member carries
 * its own provenance: 627 MB for 100 trees) and over Java serialization behind a filter (still
 * the JDK's deserializer on untrusted bytes, and no smaller).
 *
 * <pre>
 * magic "GROVETRB" · int format version · UTF Tribuo version
 * int classes, UTF each
 * int features, each: UTF name · byte type (0 numeric, 1 categorical, 2 categorical with ranked levels)
 *   · int levels, UTF each · double fill · double unseen
 * int max-bins · per feature: int cuts, double each
 * JSON params (without threads) · JSON provenance (int length, UTF-8 bytes)
 * forest (see {@link FlatForest#write}, {@link FlatTree#write})
 * long CRC-32 of everything before it
 * </pre>
 * Everything is written in a fixed order from ordered maps, so equal models give equal bytes.
 */
final class TribuoModelFormat {
    private static final byte[] MAGIC = "GROVETRB".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    private static final int MAX_JSON = 16 << 20;

    private TribuoModelFormat() {
    }

    static void write(TribuoModel model, OutputStream target) throws IOException {
        CRC32 crc = new CRC32();
        DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(target, 1 << 16), crc));
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(org.tribuo.Tribuo.VERSION);
        out.writeInt(model.classes().size());
        for (String c : model.classes()) {
            out.writeUTF(c);
        }
        InputSpace space = model.space();
        List<FeatureSpec> features = space.encoding().features();
        out.writeInt(features.size());
        for (FeatureSpec f : features) {
            out.writeUTF(f.name());
            out.writeByte(f.type() == ColumnType.NUMERIC ? 0 : f.ordered() ? 2 : 1);
            out.writeInt(f.levels().size());
            for (String level : f.levels()) {
                out.writeUTF(level);
            }
            out.writeDouble(f.fill());
            out.writeDouble(f.unseen());
        }
        out.writeInt(space.maxBins());
        for (int j = 0; j < features.size(); j++) {
            double[] cuts = space.cuts(j);
            out.writeInt(cuts.length);
            for (double c : cuts) {
                out.writeDouble(c);
            }
        }
        writeJson(out, persistedParams(model.params()));
        writeJson(out, model.provenance());
        model.forest().write(out);
        out.flush();
        // the checksum itself is written past the checked stream
        DataOutputStream tail = new DataOutputStream(target);
        tail.writeLong(crc.getValue());
        tail.flush();
    }

    static TribuoModel read(InputStream source) throws IOException {
        byte[] bytes = source.readAllBytes();
        if (bytes.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new ModelIntegrityException("this is not a Grove Tribuo model file (it does not start with "
                    + "GROVETRB); load it with the trainer that wrote it");
        }
        if (bytes.length < MAGIC.length + 4 + 8) {
            throw new ModelIntegrityException("the Tribuo model file is truncated; restore it from the training output");
        }
        int body = bytes.length - 8;
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, body);
        long stored = new DataInputStream(new ByteArrayInputStream(bytes, body, 8)).readLong();
        if (crc.getValue() != stored) {
            throw new ModelIntegrityException("the Tribuo model file is damaged or truncated (checksum mismatch); "
                    + "restore it from the training output or retrain");
        }
        try {
            return parse(new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, body - MAGIC.length)), body);
        } catch (EOFException e) {
            throw new ModelIntegrityException("the Tribuo model file ends too early; it is damaged", e);
        } catch (IOException | RuntimeException e) {
            throw new ModelIntegrityException("the Tribuo model file is not valid (" + e.getMessage() + "); it is "
                    + "damaged or was not written by this trainer", e);
        }
    }

    private static TribuoModel parse(DataInputStream in, int size) throws IOException {
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("format version " + version + ", this trainer reads version " + VERSION);
        }
        in.readUTF(); // Tribuo version that trained it: informative only
        int k = count(in, size, "class");
        List<String> classes = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            classes.add(in.readUTF());
        }
        int p = count(in, size, "feature");
        List<FeatureSpec> features = new ArrayList<>(p);
        for (int j = 0; j < p; j++) {
            String name = in.readUTF();
            byte type = in.readByte();
            if (type < 0 || type > 2) {
                throw new IOException("feature " + name + " has unknown type " + type);
            }
            int levels = count(in, size, "level");
            List<String> lv = new ArrayList<>(levels);
            for (int l = 0; l < levels; l++) {
                lv.add(in.readUTF());
            }
            double fill = in.readDouble();
            double unseen = in.readDouble();
            if (type != 0 && (levels == 0 || !isIndex(fill, levels) || !isIndex(unseen, levels))) {
                throw new IOException("categorical feature " + name + " has fill values outside its levels");
            }
            // type 2 arrived with ranked levels; files of types 0 and 1 read as before
            features.add(new FeatureSpec(name, type == 0 ? ColumnType.NUMERIC : ColumnType.CATEGORICAL, lv, fill, unseen,
                    type == 2));
        }
        int maxBins = in.readInt();
        if (maxBins < 0) {
            throw new IOException("negative max-bins");
        }
        double[][] cuts = new double[p][];
        for (int j = 0; j < p; j++) {
            int n = count(in, size / 8, "cut point");
            cuts[j] = new double[n];
            for (int c = 0; c < n; c++) {
                cuts[j][c] = in.readDouble();
                if (c > 0 && !(cuts[j][c] > cuts[j][c - 1])) {
                    throw new IOException("cut points of feature " + j + " are not ascending");
                }
            }
        }
        Map<String, Object> params = readJson(in);
        Map<String, Object> provenance = readJson(in);
        InputSpace space = new InputSpace(new FeatureEncoding(features), maxBins, cuts);
        FlatForest forest = FlatForest.read(in, k, size);
        if (forest.inputs() != space.width()) {
            throw new IOException("the forest reads " + forest.inputs() + " inputs but the features make " + space.width());
        }
        if (in.available() != 0) {
            throw new IOException(in.available() + " unexpected bytes after the forest");
        }
        return new TribuoModel(classes, space, forest, params, provenance);
    }

    /**
     * The params minus {@code threads}: the thread count never changes the forest, so leaving it
     * out makes equal forests equal files (the run record still has it).
     */
    static Map<String, Object> persistedParams(Map<String, Object> params) {
        Map<String, Object> m = new LinkedHashMap<>(params);
        m.remove("threads");
        return m;
    }

    private static boolean isIndex(double v, int n) {
        return v >= 0 && v < n && v == Math.floor(v);
    }

    private static int count(DataInputStream in, long max, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new IOException(what + " count " + n + " is out of range");
        }
        return n;
    }

    private static void writeJson(DataOutputStream out, Map<String, Object> value) throws IOException {
        byte[] json = GroveJson.compact(value).getBytes(StandardCharsets.UTF_8);
        out.writeInt(json.length);
        out.write(json);
    }

    private static Map<String, Object> readJson(DataInputStream in) throws IOException {
        int n = count(in, MAX_JSON, "JSON byte");
        byte[] json = new byte[n];
        in.readFully(json);
        // Plain JSON into maps, lists, strings and numbers: Jackson creates no other types here.
        return GroveJson.reader(new TypeReference<LinkedHashMap<String, Object>>() { }).readValue(json);
    }
}
