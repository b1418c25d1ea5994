package dev.grove.registry;

import dev.grove.InvalidDataException;
import dev.grove.InvalidRequestException;
import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.internal.PortableStratifiedSplit;
import dev.grove.internal.Split;
import dev.grove.run.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A run's held-out rows, rebuilt from its record alone: the dataset file it names (checked against
 * the recorded SHA-256), read as it was read, split with its seed and test split. Every column but
 * the label is read, so any model of the same label can be scored on the rows, whatever features
 * it was trained on.
 */
final class HeldOutRows {
    private HeldOutRows() {
    }

    static Dataset of(TrainingRun run) {
        String version = run.modelVersion();
        Object format = run.spec().readOptions().get("format");
        if (!"csv".equals(format)) {
            throw new InvalidRequestException("version " + version + " was trained on rows from "
                    + (format == null ? "an unrecorded source" : format) + ", not a file, so its held-out rows cannot be "
                    + "rebuilt to score it; promote it with --force, or retrain it from a file");
        }
        Path file = Path.of(run.spec().datasetPath());
        if (!Files.isRegularFile(file)) {
            throw new InvalidDataException("the dataset version " + version + " was trained on, " + file
                    + ", is gone, so its held-out rows cannot be rebuilt; restore the file (SHA-256 "
                    + run.spec().datasetSha256() + ")");
        }
        CsvOptions read = CsvOptions.fromDescription(run.spec().readOptions()).withLabel(run.spec().labelColumn())
                .withInclude(List.of()).withExclude(List.of());
        Dataset data = CsvReader.readDataset(file, read);
        if (!data.source().sha256().equalsIgnoreCase(run.spec().datasetSha256())) {
            throw new InvalidDataException("the dataset " + file + " changed since version " + version + " was trained "
                    + "(SHA-256 " + data.source().sha256() + ", recorded " + run.spec().datasetSha256() + "), so its "
                    + "held-out rows cannot be rebuilt; restore the file it was trained on");
        }
        Split split = PortableStratifiedSplit.split(data.labels(), data.classes().size(), run.spec().testSplit(),
                run.spec().randomState());
        return data.select(split.test());
    }
}
