package dev.grove;

/** An alias was moved by someone else between reading it and moving it; nothing was changed. */
public class AliasConflictException extends RunStoreException {
    public AliasConflictException(String message) {
        super(message);
    }
}
