package dev.grove;

/** A model artifact could not be written where asked (missing or read-only folder, existing file). */
public class ArtifactException extends GroveException {
    public ArtifactException(String message) {
        super(message);
    }

    public ArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
