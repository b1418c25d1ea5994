package dev.grove;

/** The steps of a training, in order. */
public enum Stage {
    VALIDATE,
    READ,
    PROFILE,
    SPLIT,
    RECORD_START,
    FIT,
    EVALUATE,
    WRITE_ARTIFACT,
    /** The written model read back and checked against the model in memory. */
    VERIFY_ARTIFACT,
    RECORD_FINISH;

    /** Lower-case name with dashes, as shown to users and in JSON. */
    public String userName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
