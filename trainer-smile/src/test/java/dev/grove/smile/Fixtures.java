package dev.grove.smile;

import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.internal.PortableStratifiedSplit;
import dev.grove.internal.Split;
import dev.grove.testing.TestData;
import dev.grove.train.TrainedModel;
import dev.grove.train.TrainingParams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Bundled datasets split the portable way, as the peers split them. */
final class Fixtures {
    private Fixtures() {
    }

    record TrainTest(Dataset train, Dataset test) {
    }

    static TrainTest split(String dataset, Path dir, double testSplit, long seed) {
        Dataset data = CsvReader.readDataset(TestData.copy(dataset, dir), CsvOptions.defaults());
        Split s = PortableStratifiedSplit.split(data.labels(), data.classes().size(), testSplit, seed);
        return new TrainTest(data.select(s.train()), data.select(s.test()));
    }

    static TrainingParams params(int trees, int threads) {
        return TrainingParams.defaults().withNEstimators(trees).withRandomState(42).withThreads(threads);
    }

    static byte[] bytes(TrainedModel model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            model.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
