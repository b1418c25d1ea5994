package dev.grove;

/** The input data cannot be used as given: unreadable file, malformed CSV, unusable columns or labels. */
public class InvalidDataException extends GroveException {
    public InvalidDataException(String message) {
        super(message);
    }

    public InvalidDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
