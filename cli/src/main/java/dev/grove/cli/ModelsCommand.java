package dev.grove.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code grove models}: the registry — named models, aliases, the promotion gate, rollback, history. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"Named models and their aliases: list, show, set or delete an alias, promote a version "
                + "through the gate, roll an alias back, show the alias history.",
            "A model is named NAME@ALIAS wherever one is asked for (grove predict --model future_skills@production)."},
        subcommands = {ModelsListCommand.class, ModelsShowCommand.class, ModelsAliasCommand.class,
            ModelsPromoteCommand.class, ModelsRollbackCommand.class, ModelsHistoryCommand.class})
final class ModelsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
