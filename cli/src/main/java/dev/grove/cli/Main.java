package dev.grove.cli;

import picocli.CommandLine;

/** Entry point of the {@code grove} command. The only place Grove calls {@link System#exit}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (0 success, 1 failure, 2 bad usage). */
    public static int run(String... args) {
        CommandLine cl = commandLine();
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // picocli hands only Exceptions to ErrorReporter; an Error would end in a JVM stack trace.
            return ErrorReporter.reportError(e, cl);
        }
    }

    /** The configured command line, for tests that capture its output. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new GroveCommand());
        cl.setExecutionExceptionHandler(new ErrorReporter());
        cl.setParameterExceptionHandler(new UsageErrorReporter());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}
