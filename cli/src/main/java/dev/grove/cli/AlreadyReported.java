package dev.grove.cli;

/**
 * A failure a command has already told the user about in its one line (e.g. a training stopped by a
 * signal, said at once because the JVM exits as soon as its shutdown hook returns): the error
 * reporter only turns it into the exit code, so the line is not printed twice.
 */
final class AlreadyReported extends RuntimeException {
    private final int exitCode;

    AlreadyReported(int exitCode, Throwable cause) {
        super(cause.getMessage(), cause, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
