package dev.grove.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.InvalidDataException;
import dev.grove.InvalidRequestException;
import dev.grove.data.Dataset;
import dev.grove.data.ExternalTable;
import dev.grove.train.FitProgress;
import dev.grove.train.TrainingParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Spark cannot honour is refused with one clear line, before anything is trained. */
class SparkRefusalTest {
    private final SparkTrainer trainer = new SparkTrainer();

    private String refused(TrainingParams p) {
        return assertThrows(InvalidRequestException.class, () -> trainer.validate(p)).getMessage();
    }

    @Test
    void paramsSparkCannotHonour() {
        TrainingParams d = TrainingParams.defaults();
        assertTrue(refused(d.withMaxDepth(31)).contains("use at most 30"));
        String cw = refused(d.withExtra("class_weight", "LOW:2"));
        assertTrue(cw.contains("cannot honour the extra parameter class_weight") && cw.contains("bootstrap, criterion, "
                + "max_bins, partitions"), cw);
        assertTrue(refused(d.withExtra("max_leaf_nodes", "8")).contains("max_depth"));
        assertTrue(refused(d.withExtra("min_samples_split", "4")).contains("min_leaf"));
        assertTrue(refused(d.withExtra("subsample", "0.5")).contains("bootstrap"));
        assertTrue(refused(d.withExtra("split_rule", "ENTROPY")).contains("criterion"));
        assertTrue(refused(d.withExtra("colour", "red")).contains("does not know the extra parameter(s) colour"));
        assertTrue(refused(d.withExtra("partitions", "0")).contains("partitions=0 must be a whole number from 1"));
        assertTrue(refused(d.withExtra("bootstrap", "maybe")).contains("true or false"));
        assertTrue(refused(d.withExtra("criterion", "log_loss")).contains("gini or entropy"));
        assertTrue(refused(d.withExtra("max_bins", "1")).contains("max_bins=1"));
        assertTrue(refused(d.withExtra("categorical_encoding", "ordered"))
                .contains("cannot honour categorical_encoding=ordered"));
        trainer.validate(d.withExtra("categorical_encoding", "levels"));
        trainer.validate(d.withExtra("categorical_encoding", "auto"));
        trainer.validate(d.withMaxDepth(30).withExtra("partitions", "3").withExtra("criterion", "entropy")
                .withExtra("bootstrap", "false").withExtra("max_bins", "64").withThreads(7));
    }

    @Test
    void unsetDepthIsSparksDeepest() {
        SparkSettings s = SparkSettings.resolve(TrainingParams.defaults(), 9, 30);
        assertEquals(30, s.maxDepth());
        assertEquals(3, s.mtry(), "⌊√9⌋");
        assertEquals(32, s.maxBins());
        assertEquals(4, s.partitions());
        assertEquals(40, SparkSettings.resolve(TrainingParams.defaults(), 9, 40).maxBins(), "a bin per level");
    }

    @Test
    void inMemoryFitIsRefused() {
        Dataset d = Dataset.builder("x").numeric("a", new double[]{1, 2}).label("y", new String[]{"p", "q"}).build();
        String m = assertThrows(InvalidRequestException.class,
                () -> trainer.fit(d, TrainingParams.defaults(), FitProgress.NONE)).getMessage();
        assertTrue(m.contains("--dataset"), m);
    }

    @Test
    void refusalsThatNeedTheData(@TempDir Path dir) throws IOException {
        SparkTrainer spark = TestSpark.trainer();
        TrainingParams d = TrainingParams.defaults().withNEstimators(2);
        String mtry = assertThrows(InvalidRequestException.class,
                () -> spark.prepare(TestSpark.csv("iris"), d.withFeaturesPerSplit(5), 0.2)).getMessage();
        assertTrue(mtry.contains("features per split (mtry) is 5 but the data has only 4"), mtry);
        String bins = assertThrows(InvalidRequestException.class,
                () -> spark.prepare(TestSpark.csv("future_skills"), d.withExtra("max_bins", "8"), 0.2)).getMessage();
        assertTrue(bins.contains("max_bins=8 is below the 30 levels"), bins);
        ExternalTable noLabel = new ExternalTable(TestSpark.data("iris").toString(), "csv", Optional.of("colour"));
        String label = assertThrows(InvalidRequestException.class, () -> spark.prepare(noLabel, d, 0.2)).getMessage();
        assertTrue(label.contains("no column 'colour'") && label.contains("species"), label);
        Path one = Files.writeString(dir.resolve("one.csv"), "a,b,y\n1,2,k\n3,4,k\n");
        String single = assertThrows(InvalidDataException.class, () -> spark.prepare(TestSpark.csv(one), d, 0.2))
                .getMessage();
        assertTrue(single.contains("only the class 'k'"), single);
        String missing = assertThrows(InvalidRequestException.class, () -> spark.prepare(
                TestSpark.csv(dir.resolve("absent.csv")), d, 0.2)).getMessage();
        assertTrue(missing.contains("Spark cannot read the dataset"), missing);
        assertThrows(InvalidRequestException.class, () -> spark.prepare(TestSpark.csv("iris"), d, 1.0));
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "a,b,y\n1,2,k\n3,4,m,5\n5,6,k\n");
        String malformed = assertThrows(InvalidDataException.class, () -> spark.prepare(TestSpark.csv(ragged), d, 0.2))
                .getMessage();
        assertTrue(malformed.contains("has a row Spark cannot read as csv"), malformed);
    }
}
