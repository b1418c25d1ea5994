package dev.grove;

/**
 * A training failed after its run was recorded; the run is now FAILED with this message.
 * The cause is the original error.
 */
public class TrainingFailedException extends GroveException {
    private final long runId;

    public TrainingFailedException(long runId, String message, Throwable cause) {
        super(message, cause);
        this.runId = runId;
    }

    /** The id of the run recorded FAILED. */
    public long runId() {
        return runId;
    }
}
