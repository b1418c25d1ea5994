package dev.grove.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grove.Grove;
import dev.grove.TrainingRequest;
import dev.grove.TrainingResult;
import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.run.InMemoryRunRepository;
import dev.grove.train.Predictions;
import dev.grove.train.Trainer;
import dev.grove.train.TrainerRegistry;
import dev.grove.train.TrainingParams;
import java.nio.file.Path;
import java.util.List;

/**
 * Iris as users' spreadsheets save it — Excel's "CSV UTF-8" (a byte-order mark, CRLF) and the
 * European way ({@code ;} between fields, decimal commas) — must train through {@link Grove} to
 * the very model the plain file gives: same feature names and types, metrics, predictions and
 * probabilities, and the same model bytes unless the model records its data's file. Shared by
 * every trainer's tests.
 */
public final class IrisVariants {
    private IrisVariants() {
    }

    /**
     * Trains the three files with {@code trainer} and asserts they agree; returns the plain file's result.
     *
     * @param sameBytes whether the model files must be identical too (not when the model records
     *                  its training file's path and SHA-256, as Tribuo's provenance does)
     */
    public static TrainingResult assertTrainAsThePlainFile(Trainer trainer, TrainingParams params, Path dir,
                                                           boolean sameBytes) {
        Path plain = TestData.copy(TestData.IRIS, dir);
        Path excel = TestData.withBomAndCrlf(plain, dir.resolve("iris-excel.csv"));
        Path european = TestData.european(plain, dir.resolve("iris-eu.csv"));
        Grove grove = Grove.builder().trainers(TrainerRegistry.of(trainer)).runs(new InMemoryRunRepository())
                .modelsDir(dir.resolve("models")).build();

        TrainingResult a = grove.train(TrainingRequest.of(plain).withParams(params).withModelVersion("plain"));
        TrainingResult b = grove.train(TrainingRequest.of(excel).withParams(params).withModelVersion("excel"));
        TrainingResult c = grove.train(TrainingRequest.of(european).withParams(params).withModelVersion("eu")
                .withCsv(CsvOptions.defaults().withDelimiter(';').withDecimal(',')));

        Dataset rows = CsvReader.readDataset(plain, CsvOptions.defaults());
        Predictions expected = a.model().predict(rows.features());
        assertEquals(List.of("sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"),
                a.run().spec().featuresUsed());
        for (TrainingResult r : List.of(b, c)) {
            String which = r.modelVersion();
            assertEquals(a.run().spec().featuresUsed(), r.run().spec().featuresUsed(), which);
            assertEquals(a.run().spec().featureTypes(), r.run().spec().featureTypes(), which);
            assertEquals(a.evaluation().accuracy(), r.evaluation().accuracy(), which);
            assertEquals(a.evaluation().f1Weighted(), r.evaluation().f1Weighted(), which);
            assertArrayEquals(a.evaluation().confusion(), r.evaluation().confusion(), which);
            if (sameBytes) {
                assertEquals(a.sidecar().modelSha256(), r.sidecar().modelSha256(), which + ": the very same model file");
            }
            Predictions p = r.model().predict(rows.features());
            assertArrayEquals(expected.predicted(), p.predicted(), which);
            assertArrayEquals(expected.probabilities(), p.probabilities(), which);
            assertEquals(List.of(), r.profile().warnings(), which);
        }
        assertEquals(",", c.run().spec().readOptions().get("decimal"));
        return a;
    }
}
