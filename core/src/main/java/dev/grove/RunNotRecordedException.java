package dev.grove;

import java.nio.file.Path;

/**
 * A training finished and its model was written and verified, but the run could not be recorded
 * SUCCEEDED (the store failed, or another process had marked the run meanwhile). The model is
 * kept, never thrown away over a status update: {@link #modelPath()} says where it is.
 */
public class RunNotRecordedException extends RunStoreException {
    private final long runId;
    private final Path modelPath;

    public RunNotRecordedException(long runId, String message, Path modelPath, Throwable cause) {
        super(message, cause);
        this.runId = runId;
        this.modelPath = modelPath;
    }

    public long runId() {
        return runId;
    }

    /** The complete, verified model file that was kept. */
    public Path modelPath() {
        return modelPath;
    }
}
