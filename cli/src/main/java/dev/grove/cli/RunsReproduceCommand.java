package dev.grove.cli;

import dev.grove.Grove;
import dev.grove.internal.GroveJson;
import dev.grove.registry.Reproduction;
import dev.grove.run.RunRepository;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code grove runs reproduce ID|VERSION}: retrain from the record alone and prove the result identical. */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Retrain a run from its record alone — its dataset file (refused if its SHA-256 changed), "
                + "trainer, every param, seed and split — as a new run linked to it, and compare: the same model "
                + "file (SHA-256) and the same metrics, or the list of what differs.",
            "Exit 0 only when identical."})
final class RunsReproduceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID|VERSION|NAME@ALIAS", description = "The run to reproduce.")
    String run;

    @Option(names = "--trained-by", paramLabel = "WHO", description = "Recorded as who trained. Default: the OS user.")
    String trainedBy = System.getProperty("user.name", "");

    @Mixin
    StoreOption store;

    @Mixin
    JsonOption output;

    @Mixin
    Verbosity verbosity;

    @Override
    public Integer call() {
        Reproduction r;
        try (RunRepository runs = store.openExisting()) {
            Grove grove = Grove.builder().runs(runs).modelsDir(TrainCommand.MODELS_DIR)
                    .staleAfter(StoreOption.staleAfter()).build();
            r = grove.reproduce(run.trim(), trainedBy);
        }
        PrintWriter out = spec.commandLine().getOut();
        var o = r.original();
        var n = r.reproduction().run();
        if (output.json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("identical", r.identical());
            j.put("original", RunView.of(o));
            j.put("reproduction", RunView.of(n));
            j.put("differences", r.differences());
            out.println(GroveJson.pretty(j));
        } else {
            out.printf("Reproduced run %d (%s) as run %d (%s)%n", o.id(), Printable.of(o.modelVersion()), n.id(),
                    Printable.of(n.modelVersion()));
            out.printf("  model_sha256  %s%n                %s%n", o.outcome().orElseThrow().modelSha256(),
                    n.outcome().orElseThrow().modelSha256());
            out.printf("  accuracy      %.6f  %.6f%n", o.outcome().orElseThrow().evaluation().accuracy(),
                    n.outcome().orElseThrow().evaluation().accuracy());
            out.printf("  f1_score      %.6f  %.6f%n", o.outcome().orElseThrow().evaluation().f1Weighted(),
                    n.outcome().orElseThrow().evaluation().f1Weighted());
            if (r.identical()) {
                out.println("Identical: the same model file and the same metrics.");
            } else {
                out.println("Different:");
                r.differences().forEach(d -> out.println("  " + Printable.of(d)));
            }
        }
        out.flush();
        return r.identical() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
