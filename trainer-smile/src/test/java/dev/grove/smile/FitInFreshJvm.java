package dev.grove.smile;

import dev.grove.testing.TestData;
import dev.grove.train.FitProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Trains a small forest and prints its model file's SHA-256; run in a child JVM by the determinism test. */
public final class FitInFreshJvm {
    private FitInFreshJvm() {
    }

    static String modelSha(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Fixtures.TrainTest data = Fixtures.split(TestData.PENGUINS, dir, 0.2, 42);
        return Fixtures.sha256(Fixtures.bytes(new SmileTrainer().fit(data.train(), Fixtures.params(20, 2), FitProgress.NONE)));
    }

    public static void main(String[] args) {
        System.out.println(modelSha(Path.of(args[0])));
    }
}
