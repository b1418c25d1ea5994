package dev.grove;

/** The run store was used after it was closed. */
public class RunStoreClosedException extends RunStoreException {
    public RunStoreClosedException(String location) {
        super("run store " + location + " is closed; open it again to record or read runs");
    }
}
