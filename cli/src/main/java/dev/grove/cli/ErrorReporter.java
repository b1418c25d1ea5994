package dev.grove.cli;

import dev.grove.DuplicateModelVersionException;
import dev.grove.GroveException;
import dev.grove.InvalidRequestException;
import dev.grove.TrainerNotFoundException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception into one line on stderr and an exit code: 2 for a request that cannot be
 * valid (bad value, unknown trainer), 1 for anything that failed while running. The stack trace
 * is shown only with {@code --verbose}.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        if (ex instanceof AlreadyReported reported) {
            return reported.exitCode();
        }
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        err.println(name + ": error: " + message(ex));
        if (Verbosity.isVerbose(parsed)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return isUsage(ex) ? ExitCodes.USAGE : ExitCodes.FAILED;
    }

    /** A request that can never work as given: a bad value, an unknown trainer, a column the data lacks. */
    static boolean isUsage(Throwable ex) {
        return ex instanceof InvalidRequestException || ex instanceof TrainerNotFoundException
                || ex instanceof dev.grove.internal.MissingColumnsException;
    }

    /** An Error that escaped the command (out of memory outside the pipeline): one line, exit 1. */
    static int reportError(Error e, CommandLine cl) {
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        for (ParseResult p = cl.getParseResult(); p != null; p = p.subcommand()) {
            name = p.commandSpec().qualifiedName();
        }
        err.println(name + ": error: " + message(e));
        err.flush();
        return ExitCodes.FAILED;
    }

    /** One printable line: the library's message, with the CLI's option names where the library's are generic. */
    static String message(Throwable ex) {
        return Printable.of(rawMessage(ex));
    }

    private static String rawMessage(Throwable ex) {
        if (ex instanceof DuplicateModelVersionException d) {
            return "model version '" + d.modelVersion() + "' already exists in the run store; choose another "
                    + "--model-version, or omit it for a fresh timestamp";
        }
        if (ex instanceof GroveException) {
            return ex.getMessage();
        }
        if (ex instanceof OutOfMemoryError) {
            return "ran out of memory (heap limit " + (Runtime.getRuntime().maxMemory() >> 20) + " MB); give Grove more "
                    + "memory (GROVE_HEAP=8g for the grove launcher, or -Xmx8g)";
        }
        if (ex instanceof StackOverflowError) {
            return "ran out of stack space; give Grove a bigger thread stack (GROVE_JAVA_OPTS=-Xss16m for the grove "
                    + "launcher) or use shallower trees (--max-depth)";
        }
        String m = ex.getMessage();
        return (m == null || m.isBlank() ? ex.getClass().getSimpleName() : m.replaceAll("\\s+", " "))
                + " (run again with --verbose for details)";
    }
}
