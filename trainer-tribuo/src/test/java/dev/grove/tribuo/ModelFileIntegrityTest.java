package dev.grove.tribuo;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.ModelIntegrityException;
import dev.grove.testing.TestData;
import dev.grove.train.FitProgress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileIntegrityTest {
    private final TribuoTrainer trainer = new TribuoTrainer();
    private byte[] good;

    @TempDir
    Path dir;

    @BeforeEach
    void train() throws IOException {
        Fixtures.TrainTest d = Fixtures.split(TestData.IRIS, dir);
        good = TribuoTrainerTest.bytes(trainer.fit(d.train(), Fixtures.params(3, 1), FitProgress.NONE));
    }

    @Test
    void truncatedFilesAreRefused() {
        for (int length : new int[] {0, 5, 8, 20, good.length / 2, good.length - 1}) {
            refused(Arrays.copyOf(good, length));
        }
    }

    @Test
    void aChangedByteIsRefused() {
        for (int at : new int[] {9, good.length / 3, good.length / 2, good.length - 9, good.length - 1}) {
            byte[] bad = good.clone();
            bad[at] ^= 0x10;
            refused(bad);
        }
    }

    @Test
    void foreignFilesAreRefused() throws IOException {
        refused("sepal_length_cm,species\n5.1,setosa\n".getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream javaSerialized = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(javaSerialized)) {
            out.writeObject(new java.util.HashMap<>(java.util.Map.of("a", 1)));
        }
        refused(javaSerialized.toByteArray());
        byte[] noise = new byte[4096];
        new java.util.Random(1).nextBytes(noise);
        refused(noise);
    }

    /** A well-formed checksum over forged content must still be refused by the structural checks. */
    @Test
    void forgedContentWithAValidChecksumIsRefused() {
        byte[] body = Arrays.copyOf(good, good.length - 8);
        // the last tree's last node is a leaf: make its vote point far past the classes
        int lastLeafHead = body.length - 4 * 3 - 4;
        body[lastLeafHead] = (byte) 0x80;
        refused(withCrc(body));
        byte[] hugeCount = body.clone();
        Arrays.fill(hugeCount, 12, 16, (byte) 0x7f); // right after magic + version: the Tribuo version string
        refused(withCrc(hugeCount));
    }

    private static byte[] withCrc(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        byte[] out = Arrays.copyOf(body, body.length + 8);
        long v = crc.getValue();
        for (int i = 0; i < 8; i++) {
            out[body.length + i] = (byte) (v >>> (56 - 8 * i));
        }
        return out;
    }

    private void refused(byte[] bytes) {
        ModelIntegrityException e = assertThrows(ModelIntegrityException.class,
                () -> trainer.load(new ByteArrayInputStream(bytes)));
        assertTrue(e.getMessage().contains("Tribuo model file") || e.getMessage().contains("not a Grove"), e.getMessage());
    }
}
