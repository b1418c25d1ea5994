package dev.grove;

/** The run store could not be opened, read or written. */
public class RunStoreException extends GroveException {
    public RunStoreException(String message) {
        super(message);
    }

    public RunStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
