package dev.grove.registry;

import dev.grove.InvalidDataException;
import dev.grove.InvalidRequestException;
import dev.grove.data.CsvOptions;
import dev.grove.data.DataInput;
import dev.grove.data.Dataset;
import dev.grove.internal.PortableStratifiedSplit;
import dev.grove.internal.RecordedInput;
import dev.grove.internal.Split;
import dev.grove.run.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A run's held-out rows, rebuilt from its record alone: the dataset file or query it names (checked
 * against the recorded SHA-256), read as it was read, split with its seed and test split. Every
 * column of a file but the label is read, so any model of the same label can be scored on the
 * rows, whatever features it was trained on.
 */
final class HeldOutRows {
    private HeldOutRows() {
    }

    /** @param sourceDb the URL to run a query-trained run's query on (the record keeps none with credentials) */
    static Dataset of(TrainingRun run, Optional<String> sourceDb) {
        String version = run.modelVersion();
        DataInput input = RecordedInput.of(run.spec(), sourceDb).orElseThrow(() -> new InvalidRequestException(
                "version " + version + " was trained on " + RecordedInput.unreadable(run.spec()) + ", so its held-out "
                        + "rows cannot be rebuilt to score it; promote it with "
                        + "--force, or retrain it from a file or a query"));
        if (input.file().isPresent()) {
            Path file = input.file().get();
            if (!Files.isRegularFile(file)) {
                throw new InvalidDataException("the dataset version " + version + " was trained on, " + file
                        + ", is gone, so its held-out rows cannot be rebuilt; restore the file (SHA-256 "
                        + run.spec().datasetSha256() + ")");
            }
            CsvOptions all = input.csvOptions().orElseThrow().withInclude(List.of()).withExclude(List.of());
            input = input.withCsvOptions(all);
        }
        Dataset data = input.read();
        if (!data.source().sha256().equalsIgnoreCase(run.spec().datasetSha256())) {
            throw new InvalidDataException("the rows of " + RecordedInput.describe(run.spec()) + " changed since version "
                    + version + " was trained (SHA-256 " + data.source().sha256() + ", recorded "
                    + run.spec().datasetSha256() + "), so its held-out rows cannot be rebuilt; restore the rows it was "
                    + "trained on");
        }
        Split split = PortableStratifiedSplit.split(data.labels(), data.classes().size(), run.spec().testSplit(),
                run.spec().randomState());
        return data.select(split.test());
    }
}
