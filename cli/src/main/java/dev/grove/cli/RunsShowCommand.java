package dev.grove.cli;

import dev.grove.internal.GroveJson;
import dev.grove.run.RunRepository;
import dev.grove.run.TrainingRun;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code grove runs show}: every recorded field of one run. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show every recorded field of a run.")
final class RunsShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID|VERSION", description = "Run id (digits) or model version; id:N or version:V to say which.")
    String run;

    @Mixin
    StoreOption store;

    @Mixin
    JsonOption output;

    @Mixin
    Verbosity verbosity;

    @Override
    public Integer call() {
        TrainingRun found;
        try (RunRepository runs = store.openExisting()) {
            found = RunLookup.find(runs, run);
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> view = RunView.of(found);
        if (output.json) {
            out.println(GroveJson.pretty(view));
        } else {
            int width = view.keySet().stream().mapToInt(String::length).max().orElse(0);
            view.forEach((k, v) -> out.printf("%-" + width + "s  %s%n", k, Cells.text(v)));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
