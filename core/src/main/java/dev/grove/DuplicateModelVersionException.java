package dev.grove;

/** A run with this model version is already recorded; versions are unique. */
public class DuplicateModelVersionException extends RunStoreException {
    private final String modelVersion;

    public DuplicateModelVersionException(String modelVersion) {
        super("model version '" + modelVersion + "' already exists; choose another --model-version "
                + "or omit it to get a fresh timestamp");
        this.modelVersion = modelVersion;
    }

    public String modelVersion() {
        return modelVersion;
    }
}
