package dev.grove.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code grove runs}: query the record of training runs. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List, show, compare and reproduce recorded training runs.",
        subcommands = {RunsListCommand.class, RunsShowCommand.class, RunsCompareCommand.class, RunsReproduceCommand.class})
final class RunsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
