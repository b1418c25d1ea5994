package dev.grove.cli;

import dev.grove.Grove;
import dev.grove.GroveException;
import dev.grove.internal.GroveJson;
import dev.grove.internal.RetrainView;
import dev.grove.retrain.DriftRule;
import dev.grove.retrain.MetricFloor;
import dev.grove.retrain.RetrainPolicy;
import dev.grove.retrain.TriggerEvaluation;
import dev.grove.run.RunField;
import dev.grove.run.RunRepository;
import dev.grove.run.TrainingRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code grove retrain --name NAME}: evaluate a model's retraining triggers once, retrain when one
 * fires and hand the challenger to the promotion gate; {@code --history NAME} shows past evaluations.
 */
@Command(name = "retrain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Decide whether a model needs retraining and, if so, retrain it and gate the result.",
            "The triggers compare the newest rows — the alias holder's dataset file or query, read again — with what "
                + "the holder was trained on: new data (another fingerprint; on unless --no-new-data), --every or "
                + "--cron (time since the last training), --drift (feature distributions moved) and --min-score (the "
                + "holder's score fell below a floor). When one fires, a challenger is trained with the holder's "
                + "recorded settings (changed by any of the training options below) and promoted only when it beats "
                + "the holder on the same held-out rows by --min-gain.",
            "Exits 0 whether or not it retrained, 1 on an error. Every evaluation is recorded: see --history. One "
                + "retraining per model runs at a time, across processes and hosts; another is recorded as skipped.",
            "Run it from cron, e.g.:  0 3 * * *  grove retrain --name future_skills --drift --db /srv/grove.db"})
final class RetrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The model to evaluate.")
        String name;

        @Option(names = "--history", required = true, paramLabel = "NAME",
                description = "Show the model's trigger history instead, oldest first.")
        String history;
    }

    @Option(names = "--alias", paramLabel = "ALIAS", description = "The alias whose holder is compared and which the "
            + "gate may move. Default: ${DEFAULT-VALUE}.")
    String alias = "production";

    @Option(names = "--no-new-data", description = "Do not retrain just because the rows changed.")
    boolean noNewData;

    @Option(names = "--every", paramLabel = "PERIOD", converter = PeriodConverter.class,
            description = "Retrain when the last training is at least this old: 30m, 6h, 1d, PT6H.")
    Duration every;

    @Option(names = "--cron", paramLabel = "EXPR",
            description = "Retrain when a time of this Unix cron expression (UTC) has passed since the last training, "
                    + "e.g. '0 3 * * 1' (Mondays 03:00).")
    String cron;

    @Option(names = "--drift", arity = "0..1", paramLabel = "PSI,SHARE", fallbackValue = "",
            description = "Retrain when at least SHARE of the features moved, a feature moving when its population "
                    + "stability index exceeds PSI beyond sampling noise. Default when given alone: 0.2,0.3.")
    String drift;

    @Option(names = "--min-score", paramLabel = "METRIC=X",
            description = "Retrain when the holder scores below X on the newest rows it was not trained on, e.g. "
                    + "f1_score=0.8 (accuracy, precision, recall, f1_score).")
    String minScore;

    @Option(names = "--gate-metric", paramLabel = "METRIC", description = "The gate's metric. Default: ${DEFAULT-VALUE}.")
    String gateMetric = "f1_score";

    @Option(names = "--min-gain", paramLabel = "X", description = "How much better the challenger must be. Default: 0.")
    double minGain;

    @Option(names = "--source-db", paramLabel = "JDBC-URL",
            description = "For a model trained on a query: the database URL to read it from, with the credentials "
                    + "its record does not keep. Default: the recorded URL.")
    String sourceDb;

    @Option(names = "--models-dir", paramLabel = "DIR", description = "Where the challenger's model goes, as "
            + "DIR/VERSION/model.bin. Default: beside the alias holder's model.")
    Path modelsDir;

    @Option(names = "--by", paramLabel = "WHO", description = "Recorded as who retrained. Default: the OS user.")
    String by = System.getProperty("user.name", "");

    @Mixin
    ForestOptions forest;

    @Mixin
    StoreOption store;

    @Mixin
    JsonOption output;

    @Mixin
    Verbosity verbosity;

    @Override
    public Integer call() {
        if (target.history != null) {
            return history(target.history.trim());
        }
        RetrainPolicy policy = policy();
        TriggerEvaluation e;
        try (RunRepository runs = store.openExisting()) {
            Grove grove = Grove.builder().runs(runs).modelsDir(modelsDir(runs, target.name.trim()))
                    .staleAfter(StoreOption.staleAfter()).build();
            e = grove.retrainer().check(target.name.trim(), policy);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            out.println(GroveJson.pretty(RetrainView.of(e)));
        } else {
            print(out, e);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * Where the challenger goes: {@code --models-dir}, else beside the alias holder's model — in the
     * folder of version folders when the holder sits in one named after its version.
     */
    private Path modelsDir(RunRepository runs, String model) {
        if (modelsDir != null) {
            return modelsDir;
        }
        Optional<TrainingRun> holder;
        try {
            holder = Optional.of(RegistryAccess.of(runs).resolve(model + "@" + alias.trim()));
        } catch (GroveException e) {
            holder = Optional.empty(); // the retrainer reports it, and records the failed evaluation
        }
        return holder.map(h -> {
            Path folder = Path.of(h.spec().modelPath()).toAbsolutePath().getParent();
            boolean versionFolder = folder.getFileName() != null
                    && folder.getFileName().toString().equals(h.modelVersion());
            return versionFolder ? folder.getParent() : folder;
        }).orElse(TrainCommand.MODELS_DIR);
    }

    private RetrainPolicy policy() {
        RetrainPolicy p = RetrainPolicy.defaults().withAlias(alias.trim()).withNewData(!noNewData)
                .withGate(RunField.parse(gateMetric), minGain).by(by)
                .withOverrides(r -> forest.applyTo(r, spec));
        if (every != null) {
            p = p.withEvery(every);
        }
        if (cron != null) {
            p = p.withCron(cron);
        }
        if (drift != null) {
            p = p.withDrift(driftRule());
        }
        if (minScore != null) {
            p = p.withFloor(floor());
        }
        if (sourceDb != null) {
            p = p.withSourceDb(sourceDb.trim());
        }
        return p;
    }

    private DriftRule driftRule() {
        if (drift.isBlank()) {
            return DriftRule.DEFAULT;
        }
        String[] parts = drift.split(",");
        try {
            if (parts.length == 2) {
                return new DriftRule(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), "--drift takes PSI,SHARE, e.g. 0.2,0.3 (got '"
                + Printable.of(drift) + "'), or nothing for that default");
    }

    private MetricFloor floor() {
        int eq = minScore.indexOf('=');
        if (eq > 0) {
            try {
                return new MetricFloor(RunField.parse(minScore.substring(0, eq).trim()),
                        Double.parseDouble(minScore.substring(eq + 1).trim()));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new ParameterException(spec.commandLine(), "--min-score takes METRIC=X, e.g. f1_score=0.8 (got '"
                + Printable.of(minScore) + "')");
    }

    private Integer history(String name) {
        List<TriggerEvaluation> history;
        try (RunRepository runs = store.openExisting()) {
            history = runs.retraining().evaluations(name);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            out.println(GroveJson.pretty(history.stream().map(RetrainView::of).toList()));
        } else if (history.isEmpty()) {
            out.println("No retraining evaluations for " + Printable.of(name) + " yet.");
        } else {
            history.forEach(e -> print(out, e));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, TriggerEvaluation e) {
        out.println(e.at() + "  " + Printable.of(e.model() + "@" + e.alias()) + ": " + e.outcome()
                + (e.fired().isEmpty() ? "" : " (" + String.join(", ", e.fired()) + ")")
                + e.challenger().stream().mapToObj(id -> ", challenger run " + id).findFirst().orElse("")
                + e.promoted().map(p -> p ? ", promoted" : ", not promoted").orElse("")
                + (e.actor().isEmpty() ? "" : ", by " + Printable.of(e.actor())));
        e.reasons().forEach(r -> out.println("  " + Printable.of(r)));
        e.error().ifPresent(err -> out.println("  error: " + Printable.of(err)));
    }
}
