package dev.grove.cli;

import dev.grove.CancelSignal;
import dev.grove.CancelledException;
import dev.grove.Grove;
import dev.grove.Stage;
import dev.grove.TrainingRequest;
import dev.grove.TrainingResult;
import dev.grove.internal.GroveJson;
import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.DataInput;
import dev.grove.internal.JdbcUrls;
import dev.grove.data.DataWarning;
import dev.grove.run.RunRepository;
import dev.grove.sample.SampleData;
import dev.grove.TrainerNotFoundException;
import dev.grove.data.ExternalTable;
import dev.grove.train.SourceTrainer;
import dev.grove.train.Trainer;
import dev.grove.train.TrainerRegistry;
import dev.grove.train.TrainingParams;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code grove train}: the original {@code train_future_skills_model}, with Grove's additions. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a random forest on a CSV file, score it on a held-out split, save the model with a "
                + "JSON sidecar and record the run. With --trainer spark, train where the data lives on a table "
                + "given by --dataset PATH|URI.",
            "With no options it trains on the bundled future-skills sample."})
final class TrainCommand implements Callable<Integer> {
    /** How long a signalled JVM waits for the training to record its run INTERRUPTED. */
    private static final long SIGNAL_WAIT_SECONDS = 20;
    static final Path DEFAULT_DATASET = Path.of("artifacts", "datasets", "future_skills_dataset.csv");
    static final Path MODELS_DIR = Path.of("artifacts", "models");

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "CSV|PATH|URI",
            description = {"Training data: a CSV file (header row; label = last column unless --label); - reads standard "
                    + "input. Default: artifacts/datasets/future_skills_dataset.csv, written from the bundled "
                    + "future-skills sample if absent.",
                "With a trainer that reads its data where it lives (--trainer spark): a CSV (with a header row) or "
                    + "Parquet table at any path or URI it understands (a local path, hdfs://, s3a://)."})
    String dataset;

    @Option(names = "--format", paramLabel = "csv|parquet",
            description = "Format of a --dataset read where it lives (--trainer spark). Default: parquet when the path "
                    + "ends in .parquet, else csv.")
    String format;

    @Option(names = "--source-db", paramLabel = "JDBC-URL",
            description = "Train on the rows of --query read from this database instead of a CSV file, e.g. "
                    + "jdbc:sqlite:app.db or jdbc:postgresql://host/db?user=u&password=p (credentials are used to "
                    + "connect, never recorded or shown).")
    String sourceDb;

    @Option(names = "--query", paramLabel = "SQL",
            description = "The SELECT whose rows to train on (with --source-db): numeric columns are numeric features, "
                    + "text is categorical, NULL is missing, the label is the last column unless --label. End it with "
                    + "ORDER BY a unique key: the fingerprint and the split follow the rows' order.")
    String query;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The model the run belongs to (see 'grove models'). Default: the dataset's file name without "
                    + "its extension (future_skills_dataset for the sample).")
    String name;

    @Option(names = "--model-version", paramLabel = "VERSION", description = "Unique version. Default: a UTC timestamp.")
    String modelVersion;

    @Option(names = "--save-path", paramLabel = "FILE",
            description = "Model file (its sidecar is FILE.json). Default: artifacts/models/VERSION/model.bin.")
    Path savePath;

    @Mixin
    ForestOptions forest;

    @Option(names = "--notes", description = "Free text stored with the run.")
    String notes = "";

    @Option(names = "--label", paramLabel = "COLUMN", description = "Label column. Default: the last column.")
    String label;

    @Option(names = "--features", split = ",", paramLabel = "COLUMN", description = "Only these feature columns (comma-separated).")
    List<String> features = List.of();

    @Option(names = "--exclude", split = ",", paramLabel = "COLUMN", description = "Leave these columns out (comma-separated).")
    List<String> exclude = List.of();

    @Option(names = "--trained-by", paramLabel = "WHO", description = "Recorded as who trained. Default: the OS user.")
    String trainedBy = System.getProperty("user.name", "");

    @Option(names = "--delimiter", paramLabel = "CHAR", converter = DelimiterConverter.class,
            description = "CSV field separator: one character, or \\t for a tab. Default: ','.")
    char delimiter = ',';

    @Option(names = "--decimal", paramLabel = "CHAR", description = "Decimal separator of numbers: '.' or ','. "
            + "A CSV with decimal commas (5,1) separates fields with ';': --delimiter ';' --decimal ,. Default: '.'.")
    char decimal = '.';

    @Mixin
    StoreOption store;

    @Mixin
    JsonOption output;

    @Mixin
    Verbosity verbosity;

    @Override
    public Integer call() {
        TrainerRegistry trainers = TrainerRegistry.load(); // once: the pipeline gets the same registry
        if (sourceDb != null || query != null) {
            return train(queryRequest(), null, trainers);
        }
        Optional<Trainer> source = sourceTrainer(trainers);
        if (format != null || source.isPresent()) {
            return train(externalRequest(source), null, trainers);
        }
        if (dataset != null && defaultFormat(dataset).equals("parquet")) {
            List<String> able = trainers.all().stream().filter(t -> t instanceof SourceTrainer)
                    .map(Trainer::name).toList();
            throw new ParameterException(spec.commandLine(), "--dataset " + Printable.of(dataset) + " is a Parquet table, "
                    + "which only a trainer that reads its data where it lives can train on: " + (able.isEmpty()
                    ? "put grove-trainer-spark on the classpath and add --trainer spark"
                    : "add --trainer " + able.get(0)));
        }
        TrainingParams params = TrainingParams.defaults();
        Path typed = dataset == null ? DEFAULT_DATASET : pathOf(dataset);
        Path data = typed.equals(DEFAULT_DATASET) ? SampleData.futureSkills(DEFAULT_DATASET) : typed;
        try (PipedInput piped = PipedInput.of(data, System.in)) {
            CsvReader.requireReadable(piped.file()); // a wrong path is reported as such, before the store is opened
            TrainingRequest request = request(piped.file(), params);
            if (piped.recordedAs().isPresent()) {
                request = request.withData(request.data().recordedAs(piped.recordedAs().get()));
            }
            return train(request, data, trainers);
        }
    }

    private Integer train(TrainingRequest request, Path data, TrainerRegistry trainers) {
        try (RunRepository runs = store.open()) {
            Grove grove = Grove.builder().trainers(trainers).runs(runs).modelsDir(MODELS_DIR).staleAfter(StoreOption.staleAfter()).build();
            if (!output.json) {
                printConfiguration(request, request.trainer().isPresent() ? "" : grove.trainers().defaultTrainer().name(),
                        data != null ? data.toString() : describeInput(request.data()), runs.location());
            }
            TrainingResult result = trainStoppingOnSignal(grove, request);
            if (output.json) {
                spec.commandLine().getOut().println(GroveJson.pretty(json(result)));
            } else {
                new TrainSummary(spec.commandLine().getOut()).print(result);
            }
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

    /**
     * Trains; if the JVM is asked to stop meanwhile (SIGTERM, Ctrl-C) a shutdown hook interrupts the
     * training, which stops at once and records its run INTERRUPTED (no model, no empty folder), and
     * the hook waits for that before the JVM exits. SIGKILL cannot be caught: then the run's heartbeat
     * stops and any later invocation marks it INTERRUPTED once it is stale.
     */
    private TrainingResult trainStoppingOnSignal(Grove grove, TrainingRequest request) {
        CancelSignal stop = new CancelSignal();
        CountDownLatch finished = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            stop.cancel("grove train (process " + ProcessHandle.current().pid() + ") was stopped by a signal");
            try {
                finished.await(SIGNAL_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "grove-train-signal");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            return grove.train(request, TerminalProgress.forTerminal(spec.commandLine().getErr()), stop);
        } catch (CancelledException e) {
            if (stop.reason().isPresent()) { // the JVM exits as soon as the hook returns: say it now
                spec.commandLine().getErr().println(spec.qualifiedName() + ": " + Printable.of(e.getMessage()));
                spec.commandLine().getErr().flush();
                throw new AlreadyReported(ExitCodes.FAILED, e); // not a second line, should the JVM not have exited yet
            }
            throw e;
        } finally {
            finished.countDown();
            removeHook(onSignal);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already: the hook is running
        }
    }

    /** For the configuration: an external table with its format, or a query without its URL's credentials. */
    private String describeInput(DataInput input) {
        return input.external().map(t -> t.location() + " (" + t.format() + ", read where it lives)")
                .orElseGet(() -> JdbcUrls.withoutCredentials(sourceDb) + " :: " + query.strip());
    }

    /** The trainer this training will use when it reads its data where it lives; empty otherwise or when unknown. */
    private Optional<Trainer> sourceTrainer(TrainerRegistry trainers) {
        try {
            Trainer t = forest.trainer != null ? trainers.get(forest.trainer) : trainers.defaultTrainer();
            return t instanceof SourceTrainer ? Optional.of(t) : Optional.empty();
        } catch (TrainerNotFoundException e) {
            return Optional.empty(); // the training reports it, as for any request
        }
    }

    /**
     * {@code --dataset PATH|URI [--format csv|parquet]} for a trainer that reads the table where it
     * lives; the options that shape reading a CSV file into memory make no sense with it.
     */
    private TrainingRequest externalRequest(Optional<Trainer> source) {
        String who = source.map(t -> "trainer '" + t.name() + "'").orElse("a table read where it lives (--format)");
        if (dataset == null) {
            throw new ParameterException(spec.commandLine(), who + " needs the table: give it with --dataset PATH|URI");
        }
        if (dataset.equals("-")) {
            throw new ParameterException(spec.commandLine(), "--dataset - (standard input) is read into memory; " + who
                    + " reads a table by its path or URI: give --dataset PATH|URI");
        }
        for (String csvOnly : List.of("--features", "--exclude", "--delimiter", "--decimal")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(csvOnly)) {
                throw new ParameterException(spec.commandLine(), csvOnly + " is for CSV files read into memory; " + who
                        + " reads the table's columns as they are (choose the label with --label)");
            }
        }
        String location = dataset.strip();
        String f = format != null ? format.strip().toLowerCase(Locale.ROOT) : defaultFormat(location);
        if (!ExternalTable.FORMATS.contains(f)) {
            throw new ParameterException(spec.commandLine(), "unknown --format '" + format + "': use csv or parquet");
        }
        DataInput input = DataInput.external(location, f);
        if (label != null) {
            input = input.withLabel(label.trim());
        }
        return withRunOptions(forest.applyTo(TrainingRequest.of(input), spec));
    }

    /** parquet for a path ending in .parquet (a file or a folder of parts), else csv. */
    static String defaultFormat(String location) {
        String l = location.toLowerCase(Locale.ROOT);
        while (l.endsWith("/")) {
            l = l.substring(0, l.length() - 1);
        }
        return l.endsWith(".parquet") ? "parquet" : "csv";
    }

    private Path pathOf(String typed) {
        try {
            return Path.of(typed);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ParameterException(spec.commandLine(), "--dataset '" + Printable.of(typed) + "' is not a valid path: "
                    + e.getReason());
        }
    }

    /** Column names as typed, trimmed as CSV headers are ({@code --features "a, b"}); empty entries dropped. */
    private static List<String> names(List<String> typed) {
        return typed.stream().map(String::trim).filter(n -> !n.isEmpty()).toList();
    }

    private TrainingRequest request(Path data, TrainingParams params) {
        CsvOptions csv = CsvOptions.defaults().withDelimiter(delimiter).withDecimal(decimal).withInclude(names(features))
                .withExclude(names(exclude));
        if (label != null) {
            csv = csv.withLabel(label);
        }
        return withRunOptions(forest.applyTo(TrainingRequest.of(data).withCsv(csv).withParams(params), spec));
    }

    /** {@code --source-db URL --query SQL}: the rows of a query; the CSV-only options make no sense with it. */
    private TrainingRequest queryRequest() {
        if (sourceDb == null || query == null) {
            throw new ParameterException(spec.commandLine(), sourceDb == null
                    ? "--query needs --source-db JDBC-URL: the database to run it on"
                    : "--source-db needs --query SQL: the SELECT whose rows to train on");
        }
        for (String csvOnly : List.of("--dataset", "--format", "--features", "--exclude", "--delimiter", "--decimal")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(csvOnly)) {
                throw new ParameterException(spec.commandLine(), csvOnly + " is for " + (csvOnly.equals("--format")
                        ? "a table read where it lives" : "CSV files") + "; with --query choose the columns in the SELECT");
            }
        }
        DataInput input = DataInput.query(sourceDb.trim(), query);
        if (label != null) {
            input = input.withLabel(label.trim());
        }
        return withRunOptions(forest.applyTo(TrainingRequest.of(input), spec));
    }

    /** The options every training takes, whatever its rows. */
    private TrainingRequest withRunOptions(TrainingRequest request) {
        TrainingRequest r = request.withNotes(notes).withTrainedBy(trainedBy);
        if (modelVersion != null) {
            r = r.withModelVersion(modelVersion);
        }
        if (name != null) {
            r = r.withModelName(name.trim());
        }
        if (savePath != null) {
            r = r.withSavePath(savePath);
        }
        return r;
    }

    /** @param defaultTrainer the trainer used when the request names none */
    private void printConfiguration(TrainingRequest r, String defaultTrainer, String data, String db) {
        var out = spec.commandLine().getOut();
        out.println("Training configuration");
        out.printf("  Dataset:       %s%n", Printable.of(data));
        out.printf("  Trainer:       %s%n", r.trainer().orElse(defaultTrainer));
        out.printf("  Model version: %s%n", modelVersion != null ? Printable.of(modelVersion) : "(timestamp)");
        out.printf("  Save path:     %s%n", savePath != null ? Printable.of(savePath.toString()) : "artifacts/models/<version>/model.bin");
        out.printf("  Test split:    %s%n", r.testSplit());
        out.printf("  N estimators:  %d%n", r.params().nEstimators());
        out.printf("  Random state:  %d%n", r.params().randomState());
        out.printf("  Database:      %s%n%n", db);
        out.flush();
    }

    private static Map<String, Object> json(TrainingResult r) {
        Map<String, Object> m = RunView.of(r.run());
        m.put("sidecar_path", r.sidecarPath().toString());
        m.put("missing_values", r.profile().missingPerColumn());
        m.put("rows_dropped_missing_label", r.profile().rowsDroppedMissingLabel());
        m.put("warnings", r.profile().warnings().stream().map(DataWarning::message).toList());
        Map<String, Object> stages = new LinkedHashMap<>();
        for (Stage s : Stage.values()) {
            stages.put(s.userName(), r.timings().of(s).toNanos() / 1e9);
        }
        m.put("stage_seconds", stages);
        m.put("overhead_seconds", r.timings().overhead().toNanos() / 1e9);
        m.put("total_seconds", r.timings().total().toNanos() / 1e9);
        return m;
    }
}
