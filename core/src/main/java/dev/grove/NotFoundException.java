package dev.grove;

/**
 * What a request names does not exist: a run id or model version, a model, an alias. A kind of
 * {@link InvalidRequestException} (the command line treats both as bad usage); a server answers it
 * with 404 where the other is a 400.
 */
public class NotFoundException extends InvalidRequestException {
    public NotFoundException(String message) {
        super(message);
    }
}
