package dev.grove;

import dev.grove.data.CsvOptions;
import dev.grove.data.DataInput;
import dev.grove.data.Dataset;
import dev.grove.train.TrainingParams;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What to train: the rows and how to read them, the trainer and its params, the split, where the
 * model goes and what the run record says. Start from {@link #of(Path)} or {@link #of(Dataset)}.
 *
 * @param data         the rows: a CSV file with its options, a query, an in-memory dataset, or an
 *                     external table for a {@link dev.grove.train.SourceTrainer}
 * @param trainer      trainer name; empty for the registry's default
 * @param testSplit    fraction of each class held out for scoring, in (0, 1)
 * @param modelName    the registered model the run belongs to; empty for the dataset's name
 *                     ({@link dev.grove.registry.ModelNames#defaultFor})
 * @param modelVersion unique version; empty for a UTC timestamp
 * @param savePath     model file; empty for {@code <models dir>/<version>/model.bin}
 * @param trainedBy    who asked for it (an OS user, an app's principal)
 */
public record TrainingRequest(DataInput data, Optional<String> trainer, TrainingParams params, double testSplit,
                              Optional<String> modelName, Optional<String> modelVersion, Optional<Path> savePath, String notes, String trainedBy) {
    public static final double DEFAULT_TEST_SPLIT = 0.2;

    public TrainingRequest {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(savePath, "savePath");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(trainedBy, "trainedBy");
    }

    /** A CSV file with default options: last column as label, 200 trees, seed 42, split 0.2, the OS user. */
    public static TrainingRequest of(Path csv) {
        return of(DataInput.csv(csv, CsvOptions.defaults()));
    }

    /** Rows built in memory, with the same defaults. */
    public static TrainingRequest of(Dataset data) {
        return of(DataInput.of(data));
    }

    public static TrainingRequest of(DataInput data) {
        return new TrainingRequest(data, Optional.empty(), TrainingParams.defaults(), DEFAULT_TEST_SPLIT,
                Optional.empty(), Optional.empty(), Optional.empty(), "", System.getProperty("user.name", ""));
    }

    /** How the CSV file is read; only for CSV input. */
    public TrainingRequest withCsv(CsvOptions o) {
        return new TrainingRequest(data.withCsvOptions(o), trainer, params, testSplit, modelName, modelVersion, savePath, notes,
                trainedBy);
    }

    /** The same request on other rows. */
    public TrainingRequest withData(DataInput d) {
        return new TrainingRequest(d, trainer, params, testSplit, modelName, modelVersion, savePath, notes, trainedBy);
    }

    /** The registered model the run belongs to (see {@link dev.grove.registry.ModelNames#requireName}). */
    public TrainingRequest withModelName(String name) {
        return new TrainingRequest(data, trainer, params, testSplit, Optional.of(name), modelVersion, savePath, notes,
                trainedBy);
    }

    public TrainingRequest withTrainer(String t) {
        return new TrainingRequest(data, Optional.of(t), params, testSplit, modelName, modelVersion, savePath, notes, trainedBy);
    }

    public TrainingRequest withParams(TrainingParams p) {
        return new TrainingRequest(data, trainer, p, testSplit, modelName, modelVersion, savePath, notes, trainedBy);
    }

    public TrainingRequest withTestSplit(double s) {
        return new TrainingRequest(data, trainer, params, s, modelName, modelVersion, savePath, notes, trainedBy);
    }

    public TrainingRequest withModelVersion(String v) {
        return new TrainingRequest(data, trainer, params, testSplit, modelName, Optional.of(v), savePath, notes, trainedBy);
    }

    public TrainingRequest withSavePath(Path p) {
        return new TrainingRequest(data, trainer, params, testSplit, modelName, modelVersion, Optional.of(p), notes, trainedBy);
    }

    public TrainingRequest withNotes(String n) {
        return new TrainingRequest(data, trainer, params, testSplit, modelName, modelVersion, savePath, n, trainedBy);
    }

    public TrainingRequest withTrainedBy(String who) {
        return new TrainingRequest(data, trainer, params, testSplit, modelName, modelVersion, savePath, notes, who);
    }
}
