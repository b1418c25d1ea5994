package dev.grove.internal.forest;

import dev.grove.GroveException;
import java.util.concurrent.ExecutionException;

/** What a trainer's worker thread threw, as the trainer should rethrow it on the caller's thread. */
public final class WorkerFailure {
    private WorkerFailure() {
    }

    /**
     * The cause of {@code e}: runtime exceptions as they are, errors (out of memory above all)
     * rethrown as they are, anything else wrapped with {@code what} in the message.
     */
    public static RuntimeException unwrap(ExecutionException e, String what) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new GroveException(what + ": " + cause, cause);
    }
}
