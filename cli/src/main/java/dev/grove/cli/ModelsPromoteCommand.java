package dev.grove.cli;

import dev.grove.internal.GroveJson;
import dev.grove.registry.Promotion;
import dev.grove.registry.PromotionOutcome;
import dev.grove.run.RunField;
import dev.grove.run.RunRepository;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code grove models promote NAME VERSION --alias A}: move an alias through the promotion gate. */
@Command(name = "promote", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Promote a version to an alias through the gate: the version (challenger) and the alias's "
                + "current version (champion) are scored on the same held-out rows — the challenger's test split, "
                + "rebuilt from its recorded dataset, seed and split — and the alias moves only when the challenger "
                + "scores at least the champion's score plus --min-gain. A refusal leaves the alias where it is, "
                + "is recorded with both scores, and exits 1."})
final class ModelsPromoteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Model name.")
    String name;

    @Parameters(index = "1", paramLabel = "VERSION", description = "The challenger.")
    String version;

    @Option(names = "--alias", required = true, paramLabel = "ALIAS", description = "The alias to move, e.g. production.")
    String alias;

    @Option(names = "--metric", paramLabel = "METRIC",
            description = "Compared metric: accuracy, precision, recall or f1_score (weighted). Default: ${DEFAULT-VALUE}.")
    String metric = "f1_score";

    @Option(names = "--min-gain", paramLabel = "X", description = "How much better the challenger must be. Default: ${DEFAULT-VALUE}.")
    double minGain;

    @Option(names = "--force", description = "Move the alias whatever the gate says (the history says so).")
    boolean force;

    @Option(names = "--source-db", paramLabel = "JDBC-URL", description = "For a version trained on a query: the "
            + "database URL to rebuild its held-out rows from, with the credentials its record does not keep.")
    String sourceDb;

    @Mixin
    ActorOption actor;

    @Mixin
    StoreOption store;

    @Mixin
    JsonOption output;

    @Mixin
    Verbosity verbosity;

    @Override
    public Integer call() {
        Promotion p = Promotion.of(name.trim(), version.trim(), alias.trim()).withMetric(RunField.parse(metric))
                .withMinGain(minGain).by(actor.by, actor.reason);
        if (force) {
            p = p.forced();
        }
        if (sourceDb != null) {
            p = p.withSourceDb(sourceDb.trim());
        }
        PromotionOutcome o;
        try (RunRepository runs = store.openExisting()) {
            o = RegistryAccess.of(runs).promote(p);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            var j = RegistryViews.change(o.change());
            j.put("moved", o.moved());
            out.println(GroveJson.pretty(j));
            out.flush();
        } else if (o.moved()) {
            out.println(Printable.of(o.summary()));
            out.flush();
        }
        if (!o.moved()) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": refused: " + Printable.of(o.summary()));
            spec.commandLine().getErr().flush();
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }
}
