package dev.grove.smile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.ModelIntegrityException;
import dev.grove.internal.GroveJson;
import dev.grove.testing.TestData;
import dev.grove.train.FeatureEncoding;
import dev.grove.train.FitProgress;
import dev.grove.train.Predictions;
import dev.grove.train.TrainedModel;
import dev.grove.train.TrainingParams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smile.classification.RandomForest;

class SmileModelFileTest {
    @TempDir
    static Path dir;

    private static Fixtures.TrainTest penguins;
    private static TrainedModel model;
    private static byte[] file;

    @BeforeAll
    static void train() {
        penguins = Fixtures.split(TestData.PENGUINS, dir, 0.2, 42);
        model = new SmileTrainer().fit(penguins.train(), Fixtures.params(20, 2), FitProgress.NONE);
        file = Fixtures.bytes(model);
    }

    @Test
    void loadedModelPredictsExactlyAsTheTrainedOne() throws IOException {
        TrainedModel loaded = new SmileTrainer().load(new ByteArrayInputStream(file));

        Predictions before = model.predict(penguins.test().features());
        Predictions after = loaded.predict(penguins.test().features());
        assertArrayEquals(before.predicted(), after.predicted());
        assertArrayEquals(before.probabilities(), after.probabilities());
        assertEquals(model.classes(), loaded.classes());
        assertEquals(model.encoding(), loaded.encoding());
        assertEquals("smile", loaded.trainerName());
    }

    @Test
    void refusesAFileWithoutTheMagicLine() {
        byte[] other = "PK\u0003\u0004 not a model".getBytes(StandardCharsets.ISO_8859_1);
        var e = assertThrows(ModelIntegrityException.class, () -> new SmileTrainer().load(new ByteArrayInputStream(other)));
        assertTrue(e.getMessage().contains("GROVE-SMILE/2"), e.getMessage());
    }

    @Test
    void refusesATruncatedFile() {
        for (int length : new int[] {5, 16, 40, file.length / 2, file.length - 1}) {
            byte[] cut = Arrays.copyOf(file, length);
            assertThrows(ModelIntegrityException.class, () -> new SmileTrainer().load(new ByteArrayInputStream(cut)),
                    "cut at " + length);
        }
    }

    @Test
    void formatOneFilesStillLoadAndPredictAsTheyDid() throws IOException {
        SmileTrainer trainer = new SmileTrainer();
        TrainingParams params = Fixtures.params(20, 2);
        FeatureEncoding encoding = FeatureEncoding.fit(penguins.train());
        SmileSettings settings = SmileSettings.resolve(params, encoding.size(), penguins.train().size(),
                penguins.train().classes());
        RandomForest forest = SmileReference.fit(penguins.train(), encoding, settings);

        TrainedModel legacy = trainer.load(new ByteArrayInputStream(formatOne(forest)));

        Predictions expected = model.predict(penguins.test().features()); // the same seeds grew the same forest
        Predictions actual = legacy.predict(penguins.test().features());
        assertArrayEquals(expected.predicted(), actual.predicted());
        assertArrayEquals(expected.probabilities(), actual.probabilities());
        assertArrayEquals(file, Fixtures.bytes(legacy), "saved again, it is the format-2 file");
    }

    @Test
    void aSerializedObjectInAFormatTwoFileIsNeverDeserialized() throws IOException {
        Intruder.instantiated = false;
        byte[] hostile = headerThen(SmileModelFormat.MAGIC, new Intruder());
        var e = assertThrows(ModelIntegrityException.class, () -> new SmileTrainer().load(new ByteArrayInputStream(hostile)));
        assertTrue(e.getMessage().startsWith("damaged Grove Smile model"), e.getMessage());
        assertFalse(Intruder.instantiated);
    }

    @Test
    void aForgedClassCountCannotExhaustMemory() throws IOException {
        List<String> classes = IntStream.range(0, 20_000).mapToObj(i -> "c" + i).toList();
        SmileModelHeader header = new SmileModelHeader("3.1.1", classes, model.encoding().features(), Map.of());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        out.writeInt(model.encoding().size());
        out.writeInt(classes.size());
        out.writeInt(1);          // one tree
        out.writeDouble(0.5);
        out.writeInt(100_000);    // "nodes": as many as the bytes left could hold at 12 bytes each
        out.write(new byte[1_200_000]);
        byte[] forged = formatTwo(header, body.toByteArray());

        var e = assertThrows(ModelIntegrityException.class, () -> new SmileTrainer().load(new ByteArrayInputStream(forged)));
        assertTrue(e.getMessage().startsWith("damaged Grove Smile model"), e.getMessage());
    }

    @Test
    void aHeaderWithFewerThanTwoClassesIsRefused() throws IOException {
        for (List<String> classes : List.of(List.<String>of(), List.of("only"))) {
            SmileModelHeader header = new SmileModelHeader("3.1.1", classes, model.encoding().features(), Map.of());
            byte[] fewClasses = formatTwo(header, Arrays.copyOfRange(file, headerLength(file), file.length));
            var e = assertThrows(ModelIntegrityException.class,
                    () -> new SmileTrainer().load(new ByteArrayInputStream(fewClasses)));
            assertTrue(e.getMessage().contains("needs at least two classes"), e.getMessage());
        }
    }

    @Test
    void refusesAClassOutsideTheAllowListBeforeCreatingIt() throws IOException {
        Intruder.instantiated = false;
        byte[] hostile = validHeaderThen(new Intruder());

        var e = assertThrows(ModelIntegrityException.class, () -> new SmileTrainer().load(new ByteArrayInputStream(hostile)));

        assertTrue(e.getMessage().contains(Intruder.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("allow-list"), e.getMessage());
        assertFalse(Intruder.instantiated, "the refused class's readObject ran");
    }

    @Test
    void refusesJdkClassesTheForestDoesNotNeed() throws IOException {
        byte[] hostile = validHeaderThen(new AtomicLong(42));
        var e = assertThrows(ModelIntegrityException.class, () -> new SmileTrainer().load(new ByteArrayInputStream(hostile)));
        assertTrue(e.getMessage().contains("java.util.concurrent.atomic.AtomicLong"), e.getMessage());
    }

    @Test
    void refusesAllowedClassesNestedInsideARefusedOne() throws IOException {
        Intruder.instantiated = false;
        byte[] hostile = validHeaderThen(List.of(new Intruder()));   // List.of -> java.util.CollSer, not allowed
        assertThrows(ModelIntegrityException.class, () -> new SmileTrainer().load(new ByteArrayInputStream(hostile)));
        assertFalse(Intruder.instantiated);
    }

    @Test
    void allowListIsCheckedByNameBeforeAClassIsLoaded() {
        assertTrue(SmileClassFilter.allowsName("smile.classification.RandomForest"));
        assertTrue(SmileClassFilter.allowsName("smile.base.cart.OrdinalNode"));
        assertTrue(SmileClassFilter.allowsName("[Lsmile.classification.RandomForest$Model;"));
        assertTrue(SmileClassFilter.allowsName("[[D"));
        assertTrue(SmileClassFilter.allowsName("java.lang.Integer"));
        assertFalse(SmileClassFilter.allowsName(Intruder.class.getName()));
        assertFalse(SmileClassFilter.allowsName("[L" + Intruder.class.getName() + ";"));
        assertFalse(SmileClassFilter.allowsName("java.util.concurrent.atomic.AtomicLong"));
        assertFalse(SmileClassFilter.allowsName("smile.base.cartX.Node"));
        assertFalse(SmileClassFilter.allowsName("Lsmile.classification.RandomForest;"));
    }

    /** A format-1 file (Java-serialized forest) up to the serialized object, which is {@code payload}. */
    private static byte[] validHeaderThen(Object payload) throws IOException {
        return headerThen(SmileModelFormat.MAGIC_V1, payload);
    }

    /** A format-2 file: magic line, {@code header}, then {@code body} as the trees. */
    private static byte[] formatTwo(SmileModelHeader header, byte[] body) throws IOException {
        ByteArrayOutputStream bytes = start(SmileModelFormat.MAGIC, header);
        bytes.write(body);
        return bytes.toByteArray();
    }

    /** Bytes before the trees of a format-2 file: magic line, length, JSON. */
    private static int headerLength(byte[] file) {
        int magic = (SmileModelFormat.MAGIC + "\n").length();
        return magic + 4 + ByteBuffer.wrap(file, magic, 4).getInt();
    }

    /** A format-1 file of {@code forest}, as Grove 0.1 wrote them. */
    private static byte[] formatOne(RandomForest forest) throws IOException {
        return serializedAfter(start(SmileModelFormat.MAGIC_V1, new SmileModelHeader("3.1.1", model.classes(),
                model.encoding().features(), model.params())), forest);
    }

    private static byte[] headerThen(String magic, Object payload) throws IOException {
        return serializedAfter(start(magic, new SmileModelHeader("3.1.1", model.classes(), model.encoding().features(),
                Map.of())), payload);
    }

    /** The magic line and the length-prefixed JSON header every Smile model file starts with. */
    private static ByteArrayOutputStream start(String magic, SmileModelHeader header) throws IOException {
        byte[] json = GroveJson.compact(header).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write((magic + "\n").getBytes(StandardCharsets.US_ASCII));
        out.writeInt(json.length);
        out.write(json);
        return bytes;
    }

    private static byte[] serializedAfter(ByteArrayOutputStream bytes, Object payload) throws IOException {
        try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
            objects.writeObject(payload);
        }
        return bytes.toByteArray();
    }

    /** Stands for a gadget class: records whether deserialization ever ran its code. */
    static final class Intruder implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean instantiated;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            instantiated = true;
            in.defaultReadObject();
        }
    }
}
