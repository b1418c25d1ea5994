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
// No mixinStandardHelpOptions: its --version would clash with the --version filter below.
@Command(name = "list", sortOptions = false,
        description = "List recorded runs, newest first unless --sort says otherwise.")
final class RunsListCommand implements Callable<Integer> {
    static final int DEFAULT_LIMIT = 50;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

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

    @Option(names = "--limit", paramLabel = "N", description = "At most N runs; 0 for all. Default: ${DEFAULT-VALUE}.")
    int limit = DEFAULT_LIMIT;

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
        if (limit < 0 || offset < 0) {
            throw new ParameterException(spec.commandLine(), "--limit and --offset must not be negative");
        }
        // one run past the page tells whether more exist
        int page = limit == 0 ? Integer.MAX_VALUE : limit;
        RunQuery q = RunQuery.all().orderBy(RunField.parse(sort), !ascending)
                .withLimit(page == Integer.MAX_VALUE ? page : page + 1).withOffset(offset);
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
        try (RunRepository runs = store.openExisting()) {
            found = runs.list(q);
        }
        boolean more = found.size() > page;
        if (more) {
            found = found.subList(0, page);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            out.println(GroveJson.pretty(found.stream().map(RunView::of).toList()));
        } else {
            print(found, out);
            if (more) {
                out.printf("(%d runs shown; more match: --offset %d for the next page, --limit 0 for all)%n", page,
                        offset + page);
            }
        }
        if (more && output.json) {
            spec.commandLine().getErr().printf("%s: %d runs shown; more match: --offset %d for the next page, --limit 0 "
                    + "for all%n", spec.qualifiedName(), page, offset + page);
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
        // as wide as the longest version shown, within bounds: a 128-character version is cut, not allowed to shift columns
        int versionWidth = Math.min(40, Math.max(7, runs.stream().mapToInt(r -> r.modelVersion().length()).max().orElse(0)));
        int trainerWidth = Math.min(12, Math.max(7, runs.stream().mapToInt(r -> r.spec().trainerName().length()).max()
                .orElse(0)));
        String fmt = "%-5s %-" + versionWidth + "s %-11s %-" + trainerWidth + "s %-20s %8s %8s %9s%n";
        out.printf(fmt, "ID", "VERSION", "STATUS", "TRAINER", "STARTED (UTC)", "ACCURACY", "F1", "FIT (s)");
        for (TrainingRun r : runs) {
            var e = r.outcome().map(RunOutcome::evaluation);
            out.printf(fmt, r.id(), Cells.fit(Printable.of(r.modelVersion()), versionWidth), r.status(),
                    Cells.fit(Printable.of(r.spec().trainerName()), trainerWidth),
                    r.spec().startedAt().toString().substring(0, 19).replace('T', ' '),
                    e.map(x -> String.format("%.4f", x.accuracy())).orElse("-"),
                    e.map(x -> String.format("%.4f", x.f1Weighted())).orElse("-"),
                    r.outcome().map(o -> String.format("%.2f", o.trainingSeconds())).orElse("-"));
        }
    }
}
