package dev.grove.cli;

import picocli.CommandLine.Option;

/** {@code --by} and {@code --reason}: who changes an alias and why, for its history. */
final class ActorOption {
    @Option(names = "--by", paramLabel = "WHO", description = "Recorded as who made the change. Default: the OS user.")
    String by = System.getProperty("user.name", "");

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the alias history.")
    String reason = "";
}
