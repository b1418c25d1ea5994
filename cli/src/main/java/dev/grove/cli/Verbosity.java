package dev.grove.cli;

import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** {@code --verbose}: library logs at INFO on stderr, and stack traces with errors. */
final class Verbosity {
    @Option(names = {"-v", "--verbose"}, description = "Show library logs and stack traces.")
    void setVerbose(boolean verbose) {
        // Under spark-submit (grove-spark-job.jar) logs go through Spark's log4j2, not logback: its own
        // configuration decides their level, so only a logback backend is touched here.
        if (verbose && LoggerFactory.getILoggerFactory().getClass().getName().startsWith("ch.qos.logback.")) {
            LogbackLevels.groveAtInfo();
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
