package dev.grove.run;

/** Where a run stands. A run starts RUNNING and moves once, to one of the three final states. */
public enum RunStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** The process recording it died (or was stopped) before the run could finish. */
    INTERRUPTED
}
