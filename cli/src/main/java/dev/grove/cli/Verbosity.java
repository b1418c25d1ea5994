package dev.grove.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** {@code --verbose}: library logs at INFO on stderr, and stack traces with errors. */
final class Verbosity {
    @Option(names = {"-v", "--verbose"}, description = "Show library logs and stack traces.")
    void setVerbose(boolean verbose) {
        if (verbose) {
            ((Logger) LoggerFactory.getLogger("dev.grove")).setLevel(Level.INFO);
        }
    }

    static boolean isVerbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
