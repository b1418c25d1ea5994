package dev.grove;

/**
 * Base of every error Grove reports. Messages are written for the person running the training:
 * they say what was wrong and how to fix it.
 */
public class GroveException extends RuntimeException {
    public GroveException(String message) {
        super(message);
    }

    public GroveException(String message, Throwable cause) {
        super(message, cause);
    }
}
