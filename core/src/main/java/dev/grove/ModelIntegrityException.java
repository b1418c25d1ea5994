package dev.grove;

/** A model file that must not be trusted: hash mismatch, truncated, foreign or hostile content. */
public class ModelIntegrityException extends GroveException {
    public ModelIntegrityException(String message) {
        super(message);
    }

    public ModelIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
