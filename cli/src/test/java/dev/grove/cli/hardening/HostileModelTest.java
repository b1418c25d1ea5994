package dev.grove.cli.hardening;

import dev.grove.cli.Cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grove.internal.Sha256;
import dev.grove.internal.GroveJson;
import dev.grove.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files that are not what their sidecar claims, each with a sidecar whose SHA-256 matches
 * the bytes (so only the content checks can refuse them): refused with one line, nothing run.
 */
class HostileModelTest {
    @TempDir
    static Path dir;
    static Path iris;

    @BeforeAll
    static void trainRealModels() {
        iris = TestData.copy(TestData.IRIS, dir);
        for (String trainer : List.of("smile", "tribuo")) {
            Cli.Result r = Cli.run("train", "--dataset", iris.toString(), "--db", dir.resolve("runs.db").toString(),
                    "--save-path", dir.resolve(trainer + ".bin").toString(), "--n-estimators", "3", "--trainer", trainer);
            assertEquals(0, r.exit(), r.toString());
        }
    }

    @Test
    void aJavaSerializationGadgetIsRefusedBeforeItsClassIsLoaded() throws Exception {
        Path marker = dir.resolve("gadget-ran");
        byte[] smile = Files.readAllBytes(dir.resolve("smile.bin"));
        Path hostile = forge("gadget", "smile", concat(smileHeader(smile), serialize(new Gadget(marker.toString()))));
        Path classLog = dir.resolve("classes.log");

        Cli.Result r = Cli.process(dir, List.of("-Xmx256m",
                "-Xlog:class+load=info:file=" + classLog), "predict", "--model", hostile.toString(), "--input",
                iris.toString(), "--db", "runs.db");

        assertEquals(1, r.exit(), r.toString());
        String line = r.oneErrorLine();
        assertTrue(line.contains("refused to load the model: it contains " + Gadget.class.getName()
                + ", which is not on the Smile model allow-list"), line);
        assertTrue(line.contains("may be hostile: do not use it"), line);
        assertFalse(Files.exists(marker), "the gadget's readObject ran");
        String loaded = Files.readString(classLog);
        assertTrue(loaded.contains("dev.grove.smile.SmileModelFormat"), "class loading was not logged");
        assertFalse(loaded.contains(Gadget.class.getName()), "the gadget class was loaded");
    }

    @Test
    void aCurrentFormatSmileFileIsNeverDeserialized() throws Exception {
        Path marker = dir.resolve("gadget-ran-v2");
        byte[] smile = Files.readAllBytes(dir.resolve("smile.bin"));
        byte[] header = Arrays.copyOf(smile, smileHeader(smile).length); // the real format-2 magic line and header
        String line = refused(forge("gadget-v2", "smile", concat(header, serialize(new Gadget(marker.toString())))));
        assertTrue(line.contains("damaged Grove Smile model"), line);
        assertFalse(Files.exists(marker), "the gadget's readObject ran");
    }

    @Test
    void aJdkClassOutsideTheAllowListIsRefused() throws Exception {
        PriorityQueue<String> queue = new PriorityQueue<>(List.of("a", "b")); // the entry of well-known gadget chains
        byte[] smile = Files.readAllBytes(dir.resolve("smile.bin"));
        Path hostile = forge("queue", "smile", concat(smileHeader(smile), serialize(queue)));
        String line = refused(hostile);
        assertTrue(line.contains("it contains java.util.PriorityQueue, which is not on the Smile model allow-list"), line);
    }

    @Test
    void aTruncatedSmileModelIsRefused() throws Exception {
        byte[] smile = Files.readAllBytes(dir.resolve("smile.bin"));
        String line = refused(forge("cut-smile", "smile", Arrays.copyOf(smile, smile.length / 2)));
        assertTrue(line.contains("damaged Grove Smile model: the file ends early (truncated copy?)"), line);
    }

    @Test
    void aTruncatedTribuoModelIsRefused() throws Exception {
        byte[] tribuo = Files.readAllBytes(dir.resolve("tribuo.bin"));
        String line = refused(forge("cut-tribuo", "tribuo", Arrays.copyOf(tribuo, tribuo.length / 2)));
        assertTrue(line.contains("refused by trainer 'tribuo'"), line);
        assertTrue(line.contains("truncated") || line.contains("ends too early"), line);
    }

    @Test
    void bytesThatAreNotAModelAreRefusedEvenWhenTheHashMatches() throws Exception {
        byte[] csv = Files.readAllBytes(iris);
        String smile = refused(forge("csv-smile", "smile", csv));
        assertTrue(smile.contains("not a Grove Smile model: the file does not start with GROVE-SMILE/2"), smile);
        String tribuo = refused(forge("csv-tribuo", "tribuo", csv));
        assertTrue(tribuo.contains("this is not a Grove Tribuo model file (it does not start with GROVETRB)"), tribuo);
    }

    /** One line, exit 1, through the in-process command line. */
    private static String refused(Path model) {
        Cli.Result r = Cli.run("predict", "--model", model.toString(), "--input", iris.toString(), "--db",
                dir.resolve("runs.db").toString());
        assertEquals(1, r.exit(), r.toString());
        String line = r.oneErrorLine();
        assertTrue(line.startsWith("grove predict: error: model " + model), line);
        assertEquals("", r.out());
        return line;
    }

    /** {@code bytes} as {@code name.bin}, beside the real {@code trainer} model's sidecar with its hash fixed up. */
    private static Path forge(String name, String trainer, byte[] bytes) throws IOException {
        Path model = dir.resolve(name + ".bin");
        Files.write(model, bytes);
        ObjectNode sidecar = (ObjectNode) GroveJson.reader().readTree(java.nio.file.Files.readString(dir.resolve(trainer + ".bin.json")));
        sidecar.put("model_sha256", Sha256.of(bytes));
        sidecar.put("model_file", model.getFileName().toString());
        GroveJson.writer().writeValue(dir.resolve(name + ".bin.json").toFile(), sidecar);
        return model;
    }

    /**
     * The JSON header of a real smile model file behind the format-1 magic line: the start of a
     * file in the only format that holds a Java-serialized forest (read through the allow-list).
     */
    private static byte[] smileHeader(byte[] model) {
        byte[] magic = "GROVE-SMILE/1\n".getBytes(StandardCharsets.US_ASCII); // as long as "GROVE-SMILE/2\n"
        int json = ByteBuffer.wrap(model, magic.length, 4).getInt();
        byte[] head = Arrays.copyOf(model, magic.length + 4 + json);
        System.arraycopy(magic, 0, head, 0, magic.length);
        return head;
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Stands for a deserialization gadget: creates a file if its code ever runs. */
    static final class Gadget implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String marker;

        Gadget(String marker) {
            this.marker = marker;
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            Files.createFile(Path.of(marker));
        }
    }
}
