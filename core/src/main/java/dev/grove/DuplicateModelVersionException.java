package dev.grove;

/** A run with this model version is already recorded; versions are unique. */
public class DuplicateModelVersionException extends RunStoreException {
    private final String modelVersion;

    public DuplicateModelVersionException(String modelVersion) {
        super("model version '" + modelVersion + "' already exists in the run store; choose another model version, "
                + "or leave it unset for a fresh timestamp");
        this.modelVersion = modelVersion;
    }

    public String modelVersion() {
        return modelVersion;
    }
}
