package dev.grove.cli;

import dev.grove.internal.GroveJson;
import dev.grove.run.RunField;
import dev.grove.run.RunOutcome;
import dev.grove.run.RunQuery;
import dev.grove.run.RunRepository;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code grove runs list}: a table of runs, filtered and ordered. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List recorded runs, newest first unless --sort says otherwise.")
final class RunsListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--status", paramLabel = "STATUS", description = "RUNNING, SUCCEEDED, FAILED or INTERRUPTED.")
    RunStatus status;

    @Option(names = "--trainer", paramLabel = "NAME", description = "Only runs of this trainer.")
    String trainer;

    @Option(names = "--version", paramLabel = "PATTERN", description = "Model versions matching PATTERN (* = anything).")
    String version;

    @Option(names = "--dataset-sha256", paramLabel = "SHA", description = "Only runs on data with this fingerprint.")
    String datasetSha;

    @Option(names = "--since", paramLabel = "DATE", description = "Runs started at or after DATE (2026-11-27 or an ISO instant).")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Runs started before DATE.")
    String until;

    @Option(names = "--sort", paramLabel = "FIELD",
            description = "Order by: id, started-at, finished-at, accuracy, precision, recall, f1, training-seconds, model-version. "
                    + "Default: started-at.")
    String sort = "started-at";

    @Option(names = "--asc", description = "Ascending order (default: descending).")
    boolean ascending;

    @Option(names = "--limit", paramLabel = "N", description = "At most N runs. Default: ${DEFAULT-VALUE}.")
    int limit = 50;

    @Option(names = "--offset", paramLabel = "N", description = "Skip the first N runs.")
    int offset;

    @Mixin
    StoreOption store;

    @Mixin
    JsonOption output;

    @Mixin
    Verbosity verbosity;

    @Override
    public Integer call() {
        RunQuery q = RunQuery.all().orderBy(RunField.parse(sort), !ascending).withLimit(limit).withOffset(offset);
        if (status != null) {
            q = q.withStatus(status);
        }
        if (trainer != null) {
            q = q.withTrainer(trainer);
        }
        if (version != null) {
            q = q.withVersionPattern(version);
        }
        if (datasetSha != null) {
            q = q.withDatasetSha256(datasetSha);
        }
        if (since != null) {
            q = q.withFrom(instant(since, "--since"));
        }
        if (until != null) {
            q = q.withTo(instant(until, "--until"));
        }
        List<TrainingRun> found;
        try (RunRepository runs = store.open()) {
            found = runs.list(q);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            out.println(GroveJson.pretty(found.stream().map(RunView::of).toList()));
        } else {
            print(found, out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private Instant instant(String text, String option) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': '" + text
                    + "' is not a date (2026-11-27) or an ISO instant (2026-11-27T10:15:30Z)");
        }
    }

    static void print(List<TrainingRun> runs, PrintWriter out) {
        if (runs.isEmpty()) {
            out.println("No runs match.");
            return;
        }
        String fmt = "%-5s %-24s %-11s %-7s %-20s %8s %8s %9s%n";
        out.printf(fmt, "ID", "VERSION", "STATUS", "TRAINER", "STARTED (UTC)", "ACCURACY", "F1", "FIT (s)");
        for (TrainingRun r : runs) {
            var e = r.outcome().map(RunOutcome::evaluation);
            out.printf(fmt, r.id(), r.modelVersion(), r.status(), r.spec().trainerName(),
                    r.spec().startedAt().toString().substring(0, 19).replace('T', ' '),
                    e.map(x -> String.format("%.4f", x.accuracy())).orElse("-"),
                    e.map(x -> String.format("%.4f", x.f1Weighted())).orElse("-"),
                    r.outcome().map(o -> String.format("%.2f", o.trainingSeconds())).orElse("-"));
        }
    }
}
