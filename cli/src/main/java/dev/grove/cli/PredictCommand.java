package dev.grove.cli;

import dev.grove.GroveException;
import dev.grove.artifact.LoadedModel;
import dev.grove.internal.ModelArtifacts;
import dev.grove.data.CsvOptions;
import dev.grove.run.RunRepository;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import dev.grove.train.Predictions;
import dev.grove.train.TrainerRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code grove predict}: labels (and probabilities) for each row of a CSV, from a verified model. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict the label of each row of a CSV with a saved model.",
            "The model file is checked against the SHA-256 in its sidecar before it is read.",
            "Output: the input columns plus 'prediction' (and one 'proba_<class>' column per class with --proba)."})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "PATH|VERSION",
            description = "A model file, or the model version of a recorded run.")
    String model;

    @Option(names = "--input", required = true, paramLabel = "CSV", description = "Rows to predict (header row; columns matched by name).")
    Path input;

    @Option(names = "--output", paramLabel = "CSV", description = "Write here instead of stdout (never overwrites a file).")
    Path output;

    @Option(names = "--proba", description = "Add the class probabilities.")
    boolean proba;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "CSV field separator. Default: ','.")
    char delimiter = ',';

    @Mixin
    StoreOption store;

    @Mixin
    Verbosity verbosity;

    @Override
    public Integer call() throws IOException {
        Path modelPath = resolveModel();
        LoadedModel loaded = ModelArtifacts.load(modelPath, TrainerRegistry.load());
        Predictions p = loaded.predict(input, CsvOptions.defaults().withDelimiter(delimiter));
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            write(p, out);
            out.flush();
        } else {
            writeFile(p);
            spec.commandLine().getErr().printf("%d predictions written to %s%n", p.size(), output);
        }
        return ExitCodes.OK;
    }

    private Path resolveModel() {
        Path asPath = Path.of(model);
        if (Files.isRegularFile(asPath)) {
            return asPath;
        }
        try (RunRepository runs = store.open()) {
            Optional<TrainingRun> run = runs.findByModelVersion(model);
            if (run.isEmpty()) {
                throw new GroveException("no model file '" + model + "' and no run with that model version in "
                        + runs.location() + "; give a model path or a recorded version (see 'grove runs list')");
            }
            if (run.get().status() != RunStatus.SUCCEEDED) {
                throw new GroveException("run " + run.get().id() + " (version " + model + ") is " + run.get().status()
                        + ", so it has no model; choose a SUCCEEDED run");
            }
            return Path.of(run.get().spec().modelPath());
        }
    }

    private void writeFile(Predictions p) throws IOException {
        Path dir = output.toAbsolutePath().getParent();
        if (Files.exists(output)) {
            throw new GroveException(output + " already exists; Grove does not overwrite it: remove it or choose "
                    + "another --output");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new GroveException("folder " + dir + " does not exist; create it or choose another --output");
        }
        Path tmp = ModelArtifacts.createTemp(dir, output);
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                write(p, w);
            }
            Files.move(tmp, output);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Streams the input again, appending each row's prediction to its columns. */
    private void write(Predictions p, Appendable out) throws IOException {
        CSVFormat in = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
        try (Reader r = Files.newBufferedReader(input, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(r).setFormat(in).get()) {
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get());
            int row = -1;
            for (CSVRecord rec : parser) {
                List<String> cells = new ArrayList<>(rec.toList());
                if (row < 0) {
                    cells.add("prediction");
                    if (proba) {
                        p.classes().forEach(c -> cells.add("proba_" + c));
                    }
                } else {
                    cells.add(p.label(row));
                    if (proba) {
                        for (double v : p.probabilities()[row]) {
                            cells.add(Double.toString(v));
                        }
                    }
                }
                printer.printRecord(cells);
                row++;
            }
            printer.flush();
        }
    }
}
