package dev.grove.cli;

import dev.grove.internal.GroveJson;
import dev.grove.registry.AliasChange;
import dev.grove.run.RunRepository;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code grove models history NAME}: every alias change and refusal, oldest first, with the gate's scores. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Show a model's alias history, oldest first: every set, move, deletion, promotion, refusal "
                + "and rollback, who did it, why, and the gate's scores. It is never rewritten.")
final class ModelsHistoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Model name.")
    String name;

    @Mixin
    StoreOption store;

    @Mixin
    JsonOption output;

    @Mixin
    Verbosity verbosity;

    @Override
    public Integer call() {
        List<AliasChange> history;
        try (RunRepository runs = store.openExisting()) {
            history = RegistryAccess.of(runs).history(name.trim());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            out.println(GroveJson.pretty(history.stream().map(RegistryViews::change).toList()));
        } else if (history.isEmpty()) {
            out.println("No alias changes for " + Printable.of(name) + " yet.");
        } else {
            history.forEach(c -> out.println(RegistryViews.line(c)));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
