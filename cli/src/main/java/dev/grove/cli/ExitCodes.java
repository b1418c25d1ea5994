package dev.grove.cli;

/** The exit codes documented in {@code grove --help}. */
final class ExitCodes {
    static final int OK = 0;
    /** The training or command failed (a started run is recorded FAILED). */
    static final int FAILED = 1;
    /** Bad usage: unknown option, invalid value, missing argument. */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
