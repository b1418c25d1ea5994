package dev.grove.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.internal.PortableStratifiedSplit;
import dev.grove.internal.Split;
import dev.grove.testing.TestData;
import dev.grove.train.CategoricalEncoding;
import dev.grove.train.FitProgress;
import dev.grove.train.Predictions;
import dev.grove.train.TrainedModel;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ranked levels ({@link CategoricalEncoding#ORDERED}) on a 300-level column: split like a number, kept in the file. */
class TribuoOrderedLevelsTest {
    @TempDir
    static Path dir;

    private static Fixtures.TrainTest data;

    @BeforeAll
    static void read() {
        Dataset all = CsvReader.readDataset(TestData.highCardinality(dir.resolve("high.csv"), 2000, 300),
                CsvOptions.defaults());
        Split s = PortableStratifiedSplit.split(all.labels(), all.classes().size(), 0.2, 42);
        data = new Fixtures.TrainTest(all.select(s.train()), all.select(s.test()));
    }

    private static TrainedModel fit(String encoding) {
        var p = Fixtures.params(30, 2);
        return new TribuoTrainer().fit(data.train(), encoding == null ? p : p.withExtra(CategoricalEncoding.KEY, encoding),
                FitProgress.NONE);
    }

    private static double accuracy(TrainedModel m) {
        int[] predicted = m.predict(data.test().features()).predicted();
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            right += predicted[i] == data.test().labels()[i] ? 1 : 0;
        }
        return (double) right / predicted.length;
    }

    @Test
    void autoRanksTheManyLevelsAndTheFileKeepsTheRanking() throws Exception {
        TrainedModel model = fit(null);
        assertTrue(model.encoding().features().get(0).ordered());
        assertEquals("auto", model.params().get(CategoricalEncoding.KEY));
        byte[] file = TribuoTrainerTest.bytes(model);
        TrainedModel loaded = new TribuoTrainer().load(new ByteArrayInputStream(file));
        assertEquals(model.encoding(), loaded.encoding());
        assertEquals("auto", loaded.params().get(CategoricalEncoding.KEY));
        Predictions before = model.predict(data.test().features());
        Predictions after = loaded.predict(data.test().features());
        assertArrayEquals(before.predicted(), after.predicted());
        assertArrayEquals(before.probabilities(), after.probabilities());
        TrainedModel asked = fit("ordered");
        assertEquals(model.encoding(), asked.encoding(), "ordered asked for ranks the same column");
        assertArrayEquals(before.probabilities(), asked.predict(data.test().features()).probabilities());
        assertEquals("ordered", asked.params().get(CategoricalEncoding.KEY));
    }

    @Test
    void rankingBeatsOneHotOnManyLevels() {
        double ordered = accuracy(fit("ordered"));
        double levels = accuracy(fit("levels"));
        assertTrue(ordered > levels + 0.03, "ordered " + ordered + ", levels " + levels);
    }

    @Test
    void fewLevelsKeepTheirCodesAndTheFileItsBytes() throws Exception {
        Fixtures.TrainTest penguins = Fixtures.split(TestData.PENGUINS, dir);
        TrainedModel auto = new TribuoTrainer().fit(penguins.train(), Fixtures.params(10, 2), FitProgress.NONE);
        String file = new String(TribuoTrainerTest.bytes(auto), StandardCharsets.ISO_8859_1);
        assertFalse(file.contains("ordered") || file.contains(CategoricalEncoding.KEY), "nothing new in the header");
        TrainedModel levels = new TribuoTrainer().fit(penguins.train(),
                Fixtures.params(10, 2).withExtra(CategoricalEncoding.KEY, "levels"), FitProgress.NONE);
        assertArrayEquals(levels.predict(penguins.test().features()).probabilities(),
                auto.predict(penguins.test().features()).probabilities());
    }
}
