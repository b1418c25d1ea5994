package dev.grove.retrain;

import java.time.Instant;
import java.util.List;

/**
 * What the store keeps for retraining: a lock per model, so one retraining runs at a time across
 * processes and hosts, and the append-only history of every trigger evaluation.
 */
public interface RetrainLedger {

    /**
     * Takes the model's retraining lock for {@code holder}, in one atomic step: when nobody holds it,
     * or when its holder stopped refreshing it before {@code staleBefore} (a dead process).
     *
     * @return false when another live holder has it
     */
    boolean tryLock(String model, String holder, Instant now, Instant staleBefore);

    /** Keeps the lock alive; false when {@code holder} no longer has it. */
    boolean refreshLock(String model, String holder, Instant now);

    /** Releases the lock if {@code holder} still has it. */
    void unlock(String model, String holder);

    /** Appends an evaluation; returns it with its id. */
    TriggerEvaluation record(TriggerEvaluation evaluation);

    /** A model's trigger history, oldest first. */
    List<TriggerEvaluation> evaluations(String model);
}
