package dev.grove.cli;

import dev.grove.internal.GroveJson;
import dev.grove.registry.AliasChange;
import dev.grove.run.RunRepository;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code grove models rollback NAME ALIAS}: move an alias back to the version it pointed at before. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Move an alias back to the version it pointed at before its last move (again: forward again).")
final class ModelsRollbackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Model name.")
    String name;

    @Parameters(index = "1", paramLabel = "ALIAS", description = "The alias to roll back.")
    String alias;

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
        AliasChange c;
        try (RunRepository runs = store.openExisting()) {
            c = RegistryAccess.of(runs).rollback(name.trim(), alias.trim(), actor.by, actor.reason);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(output.json ? GroveJson.pretty(RegistryViews.change(c))
                : Printable.of(c.model() + "@" + c.alias() + " rolled back to " + c.toVersion().orElse("?") + " (was "
                        + c.fromVersion().orElse("?") + ")"));
        out.flush();
        return ExitCodes.OK;
    }
}
