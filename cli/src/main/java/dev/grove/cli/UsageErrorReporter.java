package dev.grove.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** Bad usage: one line naming the problem and where to read the usage, exit code 2. */
final class UsageErrorReporter implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        err.println(name + ": error: " + Printable.of(ex.getMessage().replaceAll("\\s+", " ")) + " (see '" + name
                + " --help')");
        err.flush();
        return ExitCodes.USAGE;
    }
}
