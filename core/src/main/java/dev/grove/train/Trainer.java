package dev.grove.train;

import dev.grove.data.Dataset;
import java.io.IOException;
import java.io.InputStream;

/**
 * A random-forest implementation, found on the classpath by {@link java.util.ServiceLoader}
 * (list the class in {@code META-INF/services/dev.grove.train.Trainer}). Implementations need a
 * public no-argument constructor and must be stateless: every {@link #fit} starts afresh.
 */
public interface Trainer {

    /** Short lower-case name users type, e.g. {@code smile}. */
    String name();

    /** Version of the underlying library, recorded with every run. */
    String version();

    /** One line for {@code grove trainers}. */
    default String description() {
        return "";
    }

    /**
     * Refuses params this trainer cannot honour (unknown extras, out-of-range values) with
     * {@link dev.grove.InvalidRequestException} listing what is accepted. Called before anything
     * is read or recorded; {@link #fit} may assume it passed.
     */
    default void validate(TrainingParams params) {
    }

    /**
     * Refuses params this trainer cannot honour on this training data (e.g. more features per split
     * than there are features, a class weight for a class the data lacks), with
     * {@link dev.grove.InvalidRequestException}. Called after the split, before the run is recorded,
     * so a refusal costs no run and no model version; {@link #fit} may assume it passed.
     */
    default void validate(TrainingParams params, Dataset train) {
        validate(params);
    }

    /**
     * Trains on {@code train}. Must be deterministic: equal data and params (threads aside) give
     * an equal model. Refuses unknown {@link TrainingParams#extras()} with
     * {@link dev.grove.InvalidRequestException} listing the accepted ones.
     */
    TrainedModel fit(Dataset train, TrainingParams params, FitProgress progress);

    /**
     * Reads a model this trainer wrote with {@link TrainedModel#write}. The bytes are untrusted:
     * implementations must refuse anything that is not their own model format, without running
     * unrestricted Java deserialization ({@link dev.grove.ModelIntegrityException}).
     */
    TrainedModel load(InputStream in) throws IOException;
}
