package dev.grove.cli;

import picocli.CommandLine.Option;

/** {@code --json}: one JSON document on stdout instead of text. */
final class JsonOption {
    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;
}
