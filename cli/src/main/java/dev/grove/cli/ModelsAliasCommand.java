package dev.grove.cli;

import dev.grove.internal.GroveJson;
import dev.grove.registry.AliasChange;
import dev.grove.registry.Models;
import dev.grove.run.RunRepository;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code grove models alias NAME ALIAS VERSION} or {@code … --delete}: set, move or delete an alias by hand. */
@Command(name = "alias", mixinStandardHelpOptions = true,
        description = {"Point an alias at a version by hand, without the gate (use 'promote' for the gate), or "
                + "delete it with --delete. Every change is kept in the alias history."})
final class ModelsAliasCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Model name.")
    String name;

    @Parameters(index = "1", paramLabel = "ALIAS", description = "Alias, e.g. production (lower-case letters, digits, _ and -).")
    String alias;

    @Parameters(index = "2", arity = "0..1", paramLabel = "VERSION", description = "The version to point it at.")
    String version;

    @Option(names = "--delete", description = "Delete the alias.")
    boolean delete;

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
        if (delete == (version != null)) {
            throw new ParameterException(spec.commandLine(), delete ? "--delete takes no VERSION"
                    : "give the VERSION to point " + Printable.of(alias) + " at, or --delete");
        }
        AliasChange c;
        try (RunRepository runs = store.openExisting()) {
            Models models = RegistryAccess.of(runs);
            c = delete ? models.deleteAlias(name.trim(), alias.trim(), actor.by, actor.reason)
                    : models.setAlias(name.trim(), alias.trim(), version.trim(), actor.by, actor.reason);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            out.println(GroveJson.pretty(RegistryViews.change(c)));
        } else {
            out.println(Printable.of(c.model() + "@" + c.alias() + (delete ? " deleted (was " + c.fromVersion().orElse("?")
                    + ")" : " -> " + c.toVersion().orElse("?") + c.fromVersion().map(f -> " (was " + f + ")").orElse(""))));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
