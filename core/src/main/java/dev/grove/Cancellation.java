package dev.grove;

/**
 * How a training learns that it must stop: its thread was interrupted (an application's
 * {@code Future.cancel(true)}), a {@link CancelSignal} was given, or its run was lost (see
 * {@link dev.grove.internal.Heartbeats}); the last two interrupt the thread with a reason. Checked between
 * stages and inside the long ones; closed before the training returns, so no interrupt can leak
 * into the caller's thread afterwards.
 */
final class Cancellation {
    private final Thread worker = Thread.currentThread();
    private String reason;
    private boolean closed;

    /** Asks the training to stop, once; ignored after {@link #close()}. */
    synchronized void cancel(String why) {
        if (!closed && reason == null) {
            reason = why;
            worker.interrupt();
        }
    }

    /** True when the training was asked to stop or its thread was interrupted. */
    synchronized boolean requested() {
        return reason != null || worker.isInterrupted();
    }

    /** True when a reason was given (and the thread interrupted to deliver it), not by the caller's own interrupt. */
    synchronized boolean hasReason() {
        return reason != null;
    }

    /** Throws {@link CancelledException} when the training was asked to stop. */
    void check() {
        if (requested()) {
            throw new CancelledException(message());
        }
    }

    /** Why the training stops, for the run record and the exception. */
    synchronized String message() {
        return "training cancelled: " + (reason != null ? reason : "its thread was interrupted");
    }

    /** No more cancellation from outside; a request that came before stays. */
    synchronized void close() {
        closed = true;
    }
}
