package dev.grove.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.Grove;
import dev.grove.TrainingRequest;
import dev.grove.data.CategoricalColumn;
import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.data.DatasetSource;
import dev.grove.data.ReferenceProfile;
import dev.grove.data.Table;
import dev.grove.internal.PortableStratifiedSplit;
import dev.grove.internal.Split;
import dev.grove.run.InMemoryRunRepository;
import dev.grove.testing.CentroidTrainer;
import dev.grove.testing.CsvCopies;
import dev.grove.testing.TestData;
import dev.grove.train.TrainerRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The drift trigger's thresholds (DriftRule.DEFAULT) on the bundled datasets: quiet on resamples
 * of the same distribution, firing on copies whose numeric features moved half a standard deviation.
 */
class DriftTriggerTest {
    private static final int RESAMPLES = 200;

    @TempDir
    Path dir;

    /** The profile Grove keeps: the training split (test 0.2, seed 42) of the whole file. */
    private static ReferenceProfile profileOf(Path csv, String label) {
        Dataset d = CsvReader.readDataset(csv, CsvOptions.defaults().withLabel(label));
        Split split = PortableStratifiedSplit.split(d.labels(), d.classes().size(), 0.2, 42);
        return ReferenceProfile.of(d.select(split.train()).features());
    }

    private static Table features(Path csv, String label) {
        return CsvReader.readDataset(csv, CsvOptions.defaults().withLabel(label)).features();
    }

    @ParameterizedTest
    @CsvSource({"iris.csv, species", "penguins.csv, species", "future_skills.csv, future_need_level"})
    void quietOnResamplesFiringOnAShiftedCopy(String file, String label) {
        Path csv = TestData.copy(file, dir);
        ReferenceProfile profile = profileOf(csv, label);
        DriftRule rule = DriftRule.DEFAULT;
        for (int seed = 0; seed < RESAMPLES; seed++) {
            DriftAssessment a = rule.assess(profile, features(CsvCopies.resample(csv, seed, dir.resolve("r.csv")), label));
            assertFalse(a.fired(), file + " resample " + seed + " counted as drift: " + a);
        }
        DriftAssessment shifted = rule.assess(profile,
                features(CsvCopies.shift(csv, label, 0.5, dir.resolve("s.csv")), label));
        assertTrue(shifted.fired(), file + " shifted by half a standard deviation: " + shifted);
    }

    @Test
    void withoutTheSamplingNoiseSmallResamplesWouldLookDrifted() {
        // Why the noise is subtracted: iris has 120 training rows, so chance alone gives PSIs near 0.2.
        Path csv = TestData.copy(TestData.IRIS, dir);
        ReferenceProfile profile = profileOf(csv, "species");
        double worst = 0;
        for (int seed = 0; seed < RESAMPLES; seed++) {
            Map<String, Double> psi = profile.psi(features(CsvCopies.resample(csv, seed, dir.resolve("r.csv")), "species"));
            worst = Math.max(worst, psi.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        }
        assertTrue(worst > DriftRule.DEFAULT.psi(), "raw PSI of a resample reached " + worst);
    }

    @Test
    void aCategoricalFeatureWhoseLevelsChangedShareDrifts() {
        String[] before = new String[400];
        String[] after = new String[400];
        for (int i = 0; i < 400; i++) {
            before[i] = i % 4 == 0 ? "Sales" : i % 4 == 1 ? "Engineering" : i % 4 == 2 ? "HR" : "Product";
            after[i] = i % 10 < 7 ? "Engineering" : i % 10 < 9 ? "Sales" : "Legal"; // a level never seen before
        }
        ReferenceProfile profile = ReferenceProfile.of(jobFamilies(before));
        DriftAssessment same = DriftRule.DEFAULT.assess(profile, jobFamilies(before));
        assertEquals(0.0, same.psi().get("job_family"), 1e-9);
        DriftAssessment moved = DriftRule.DEFAULT.assess(profile, jobFamilies(after));
        assertEquals(List.of("job_family"), moved.drifted(), moved.toString());
        assertTrue(moved.fired());
    }

    private static Table jobFamilies(String[] values) {
        return new Table(List.of(CategoricalColumn.of("job_family", values)), values.length,
                DatasetSource.inMemory("job_families", values.length));
    }

    @Test
    void theRetrainerRetrainsOnDriftOnlyWhenTheDataMoved() throws Exception {
        Path skills = TestData.copy(TestData.FUTURE_SKILLS, dir);
        Path original = Files.copy(skills, dir.resolve("original.csv"));
        Grove grove = Grove.builder().trainers(TrainerRegistry.of(new CentroidTrainer()))
                .runs(new InMemoryRunRepository()).modelsDir(dir.resolve("models")).build();
        grove.train(TrainingRequest.of(skills).withModelVersion("v1"));
        grove.models().setAlias("future_skills", "production", "v1", "ci", "");
        RetrainPolicy onDrift = RetrainPolicy.defaults().withNewData(false).withDrift(DriftRule.DEFAULT);

        CsvCopies.resample(original, 1, skills);
        TriggerEvaluation quiet = grove.retrainer().check("future_skills", onDrift);
        assertEquals(RetrainOutcome.UNCHANGED, quiet.outcome(), quiet.reasons().toString());
        assertTrue(quiet.reasons().get(0).startsWith("drift: 0 of 9 features moved"), quiet.reasons().toString());

        CsvCopies.shift(original, "future_need_level", 0.5, skills);
        TriggerEvaluation drifted = grove.retrainer().check("future_skills", onDrift);
        assertEquals(List.of("drift"), drifted.fired(), drifted.reasons().toString());
        assertEquals(RetrainOutcome.TRAINED, drifted.outcome());
        assertTrue(((Map<?, ?>) drifted.measurements().get("psi")).containsKey("trend_score"));

    }
}
