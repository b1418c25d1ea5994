package dev.grove;

/** A training or prediction request whose settings are out of range or contradict each other. */
public class InvalidRequestException extends GroveException {
    public InvalidRequestException(String message) {
        super(message);
    }
}
