package dev.grove;

import java.util.Optional;

/**
 * Stops a training from another thread with a reason that goes into its run record (a server's
 * cancel request, a signal handler). Pass it to {@link Grove#train(TrainingRequest,
 * ProgressListener, CancelSignal)}; {@link #cancel} may come before, during or after the training:
 * before, the training stops at its first check; after, it does nothing. Interrupting the training
 * thread stops it too, with a generic reason.
 */
public final class CancelSignal {
    private String reason;
    private Cancellation target;

    /** Asks the training to stop; the first reason given is the one recorded. */
    public synchronized void cancel(String why) {
        if (reason == null) {
            reason = java.util.Objects.requireNonNull(why, "why");
            if (target != null) {
                target.cancel(why);
            }
        }
    }

    /** The reason given, once {@link #cancel} was called. */
    public synchronized Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    synchronized void attach(Cancellation c) {
        target = c;
        if (reason != null) {
            c.cancel(reason);
        }
    }

    synchronized void detach() {
        target = null;
    }
}
