package dev.grove.tribuo;

import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.internal.PortableStratifiedSplit;
import dev.grove.internal.Split;
import dev.grove.testing.TestData;
import dev.grove.train.TrainingParams;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;

/** Bundled datasets split the portable way (test 0.2, seed 42), as the peers split them. */
final class Fixtures {
    private Fixtures() {
    }

    record TrainTest(Dataset train, Dataset test) {
    }

    static TrainTest split(String name, Path dir) {
        Dataset data = CsvReader.readDataset(TestData.copy(name, dir), CsvOptions.defaults());
        Split s = PortableStratifiedSplit.split(data.labels(), data.classes().size(), 0.2, 42);
        return new TrainTest(data.select(s.train()), data.select(s.test()));
    }

    static TrainingParams params(int trees, int threads) {
        return new TrainingParams(trees, 42, OptionalInt.empty(), 1, OptionalInt.empty(), threads, Map.of());
    }
}
