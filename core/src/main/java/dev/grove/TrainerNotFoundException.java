package dev.grove;

/** No trainer of the requested name is on the classpath (or none at all). */
public class TrainerNotFoundException extends GroveException {
    public TrainerNotFoundException(String message) {
        super(message);
    }
}
