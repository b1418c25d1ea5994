package dev.grove.internal.forest;

import dev.grove.CancelledException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** How a trainer's worker pool ends and how its workers notice a cancelled training. */
public final class Workers {
    /** How long a stopped pool's workers get to finish the node in hand and exit. */
    private static final long STOP_WAIT_SECONDS = 10;

    private Workers() {
    }

    /**
     * Interrupts the pool's workers and waits for them to exit, so no tree is still being grown
     * (holding memory and a core) once the fit has returned or thrown; the caller's own interrupt
     * status survives the wait.
     */
    public static void stop(ExecutorService pool) {
        pool.shutdownNow();
        boolean interrupted = Thread.interrupted();
        try {
            pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Called by a worker between nodes: a stopped pool interrupts its workers, which then stop at once. */
    public static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancelledException("training cancelled");
        }
    }

    /** The exception a caller interrupted while waiting on its workers throws (its interrupt status set again). */
    public static CancelledException interrupted(String what, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new CancelledException(-1, what + " was cancelled: its thread was interrupted", e);
    }
}
