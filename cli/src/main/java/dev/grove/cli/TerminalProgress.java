package dev.grove.cli;

import dev.grove.ProgressEvent;
import dev.grove.ProgressListener;
import java.io.PrintWriter;

/** Stage progress with elapsed time on stderr, one line per finished stage. */
final class TerminalProgress implements ProgressListener {
    private final PrintWriter err;

    private TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    /** Progress on stderr when it is a terminal (nothing when output is piped or captured). */
    static ProgressListener forTerminal(PrintWriter err) {
        return System.console() != null ? new TerminalProgress(err) : ProgressListener.NONE;
    }

    @Override
    public void onProgress(ProgressEvent e) {
        if (e.done()) {
            err.printf("  [%7.2fs] %-14s %s%n", e.elapsed().toNanos() / 1e9, e.stage().userName(), e.message());
            err.flush();
        }
    }
}
