package dev.grove.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code grove}: train random forests on CSV files and keep a record of every run. */
@Command(name = "grove",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Train random-forest classifiers on CSV files or SQL queries and keep a record of every run.",
        subcommands = {TrainCommand.class, PredictCommand.class, RunsCommand.class, ModelsCommand.class, RetrainCommand.class,
            TrainersCommand.class, ServeCommand.class, AutoComplete.GenerateCompletion.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success",
            "  1  the training or command failed (a started run is recorded FAILED)",
            "  2  bad usage: unknown option, invalid value or missing argument",
            "",
            "Environment:",
            "  GROVE_DB           run store used when --db is not given (default: grove.db)",
            "  GROVE_HEAP         heap size the grove launcher gives the JVM (e.g. 8g)",
            "  GROVE_TOKEN        bearer token of grove serve (default: one generated and printed at start)",
            "  GROVE_STALE_AFTER  seconds a RUNNING run may go without a heartbeat before it is",
            "                     marked INTERRUPTED (default 120; use one value for a shared store)"})
final class GroveCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
