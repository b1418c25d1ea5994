package dev.grove.cli;

import dev.grove.GroveException;
import dev.grove.artifact.LoadedModel;
import dev.grove.data.CsvOptions;
import dev.grove.data.CsvRowReader;
import dev.grove.data.RowChunk;
import dev.grove.internal.ModelArtifacts;
import dev.grove.run.RunRepository;
import dev.grove.run.TrainingRun;
import dev.grove.train.TrainerRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code grove predict}: labels (and probabilities) for each row of a CSV, from a verified model. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict the label of each row of a CSV with a saved model.",
            "A model file is checked against the SHA-256 in its sidecar before it is read; a model named by its "
                + "version must also match the SHA-256 the run store recorded when it was trained.",
            "The input is read once, a chunk of rows at a time: each row's cells come out as read (unquoted, "
                + "trimmed; blank lines skipped), followed by 'prediction' (and one 'proba_<class>' column per class "
                + "with --proba). If the input already has a column of one of those names, all the added columns "
                + "get the suffix _2 (or _3, ...). Lines end in LF; a header-only input gives a header-only output."})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "PATH|ID|VERSION|NAME@ALIAS",
            description = "A model file (checked against its sidecar alone), or a recorded run — NAME@ALIAS (the "
                    + "version the alias points at now), a run id or a model version — checked against its sidecar and "
                    + "the run store's record.")
    String model;

    @Option(names = "--input", required = true, paramLabel = "CSV",
            description = "Rows to predict (header row; columns matched by name); - reads standard input.")
    Path input;

    @Option(names = "--output", paramLabel = "CSV", description = "Write here instead of stdout (never overwrites a file).")
    Path output;

    @Option(names = "--proba", description = "Add the class probabilities.")
    boolean proba;

    @Option(names = "--delimiter", paramLabel = "CHAR", converter = DelimiterConverter.class,
            description = "CSV field separator: one character, or \\t for a tab. Default: ','.")
    char delimiter = ',';

    @Option(names = "--decimal", paramLabel = "CHAR", description = "Decimal separator of numbers, read and written: "
            + "'.' or ','. A CSV with decimal commas (5,1) separates fields with ';': --delimiter ';' --decimal ,. "
            + "Default: '.'.")
    char decimal = '.';

    @Mixin
    StoreOption store;

    @Mixin
    Verbosity verbosity;

    @Override
    public Integer call() throws IOException {
        LoadedModel loaded = load();
        CsvOptions options = CsvOptions.defaults().withDelimiter(delimiter).withDecimal(decimal);
        try (PipedInput piped = PipedInput.of(input, System.in);
             CsvRowReader rows = loaded.openRows(piped.file(), options)) {
            if (output == null) {
                PrintWriter out = spec.commandLine().getOut();
                predict(loaded, rows, out);
                out.flush();
                return ExitCodes.OK;
            }
            long n = writeFile(loaded, rows);
            spec.commandLine().getErr().printf("%d predictions written to %s%n", n, output);
            return ExitCodes.OK;
        }
    }

    /** A model file by path (checked against its sidecar), else a recorded run's model (and its recorded SHA-256 too). */
    private LoadedModel load() {
        Path asPath = Path.of(model);
        if (Files.isRegularFile(asPath)) {
            return ModelArtifacts.load(asPath, TrainerRegistry.load());
        }
        if (Files.isDirectory(asPath)) {
            throw new GroveException("--model " + Printable.of(model) + " is a directory; give a model file or the id or "
                    + "version of a recorded run");
        }
        try (RunRepository runs = store.openExisting()) {
            TrainingRun run;
            try {
                run = RunLookup.find(runs, model);
            } catch (GroveException e) {
                throw new GroveException("no model file '" + Printable.of(model) + "', and " + e.getMessage());
            }
            return ModelArtifacts.load(run, TrainerRegistry.load());
        }
    }

    private long writeFile(LoadedModel loaded, CsvRowReader rows) throws IOException {
        Path dir = output.toAbsolutePath().getParent();
        if (Files.exists(output, java.nio.file.LinkOption.NOFOLLOW_LINKS)) { // a dangling link counts too
            throw new GroveException(output + " already exists; Grove does not overwrite it: remove it or choose "
                    + "another --output");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new GroveException("folder " + dir + " does not exist; create it or choose another --output");
        }
        Path tmp = ModelArtifacts.createTemp(dir, output);
        try {
            long n;
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                n = predict(loaded, rows, w);
            }
            Files.move(tmp, output);
            return n;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Predicts chunk by chunk, writing each row beside its prediction; returns the rows written. */
    private long predict(LoadedModel loaded, CsvRowReader rows, Appendable out) throws IOException {
        PredictionCsv csv = new PredictionCsv(out, delimiter, decimal, rows.header(), loaded.model().classes(), proba);
        long n = 0;
        for (Optional<RowChunk> chunk = rows.next(); chunk.isPresent(); chunk = rows.next()) {
            csv.write(chunk.get(), loaded.predict(chunk.get().features()));
            n += chunk.get().size();
        }
        csv.flush();
        return n;
    }
}
