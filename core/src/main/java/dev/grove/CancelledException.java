package dev.grove;

import java.util.OptionalLong;

/**
 * The work was cancelled: its thread was interrupted, or its run was stopped from outside (the
 * run store closed, or another process marked the run INTERRUPTED). A training cancelled after
 * its run was recorded leaves the run INTERRUPTED with the reason, and no model file.
 */
public class CancelledException extends GroveException {
    private final long runId;

    public CancelledException(String message) {
        this(-1, message, null);
    }

    public CancelledException(long runId, String message, Throwable cause) {
        super(message, cause);
        this.runId = runId;
    }

    /** The run recorded INTERRUPTED, when the training had recorded one. */
    public OptionalLong runId() {
        return runId >= 0 ? OptionalLong.of(runId) : OptionalLong.empty();
    }
}
