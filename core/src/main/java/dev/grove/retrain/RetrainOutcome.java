package dev.grove.retrain;

/** What one evaluation of a model's retraining triggers came to. */
public enum RetrainOutcome {
    /** A trigger fired: a challenger was trained and handed to the promotion gate. */
    TRAINED,
    /** No trigger fired: nothing was trained. */
    UNCHANGED,
    /** Another process was retraining the model: this evaluation did nothing. */
    SKIPPED,
    /** The evaluation or the training failed; the error says why. */
    FAILED
}
