package dev.grove.internal;

import dev.grove.data.CsvOptions;
import dev.grove.data.DataInput;
import dev.grove.run.RunSpec;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The rows a run was trained on, to be read again the way its record says: its CSV file with its
 * read options, or its query on its database. The record keeps a database URL without its
 * credentials, so {@code sourceDb} may give the URL to connect with. A run a source trainer trained
 * on an external table ({@code read_options} with a {@code location}) is not read back into memory
 * here (the table may not fit, and its split is the trainer's): {@link #external} rebuilds its input
 * for that trainer to read again.
 */
public final class RecordedInput {
    private RecordedInput() {
    }

    /** @return empty when the record cannot bring the rows back (they came from memory) */
    public static Optional<DataInput> of(RunSpec s, Optional<String> sourceDb) {
        Object format = s.readOptions().get("format");
        if (isExternal(s)) {
            return Optional.empty();
        }
        if ("csv".equals(format)) {
            return Optional.of(DataInput.csv(Path.of(s.datasetPath()),
                    CsvOptions.fromDescription(s.readOptions()).withLabel(s.labelColumn())));
        }
        if ("jdbc".equals(format)) {
            String url = sourceDb.orElse(String.valueOf(s.readOptions().get("url")));
            return Optional.of(DataInput.query(url, String.valueOf(s.readOptions().get("query")))
                    .withLabel(s.labelColumn()));
        }
        return Optional.empty();
    }

    /** The external table a source trainer read, as the run's record gives it: location, format and label. */
    public static Optional<DataInput> external(RunSpec s) {
        if (!isExternal(s)) {
            return Optional.empty();
        }
        return Optional.of(DataInput.external(String.valueOf(s.readOptions().get("location")),
                String.valueOf(s.readOptions().get("format"))).withLabel(s.labelColumn()));
    }

    /**
     * What the record says the rows came from and why {@link #of} cannot read them into memory, for
     * messages: "{@code X, which …}".
     */
    public static String unreadable(RunSpec s) {
        return describe(s) + (isExternal(s) ? ", which Grove does not read into memory"
                : ", which its record cannot bring back");
    }

    /** How to train on the same rows again, for messages. */
    public static String howToRetrain(RunSpec s) {
        return isExternal(s) ? "retrain it with 'grove train --trainer " + s.trainerName() + " --dataset "
                + s.datasetPath() + "'" : "retrain it from the application that built them";
    }

    static boolean isExternal(RunSpec s) {
        return s.readOptions().get("location") != null;
    }

    /** What the record says the rows came from, for messages. */
    public static String describe(RunSpec s) {
        Object format = s.readOptions().get("format");
        return isExternal(s) ? "the external " + format + " table " + s.datasetPath() + " (read where it lives by trainer "
                + s.trainerName() + ", with its own split)"
                : "csv".equals(format) ? "the file " + s.datasetPath()
                : "jdbc".equals(format) ? "the query " + s.datasetPath()
                : "rows built in memory (" + s.datasetPath() + ")";
    }
}
