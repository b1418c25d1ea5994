package dev.grove.train;

import dev.grove.data.ExternalTable;

/**
 * A trainer that reads its training data itself, from an {@link ExternalTable}, so the rows never
 * pass through this JVM (e.g. Spark on a cluster). The pipeline asks it to {@link #prepare} the
 * table (read, profile and split it where the data lives) and then drives the returned
 * {@link PreparedSource} through the same stages as an in-memory training: record, fit, evaluate
 * from counts, write, verify, record. In-memory trainers do not implement this.
 */
public interface SourceTrainer extends Trainer {

    /**
     * Reads {@code table} where it lives, profiles it and splits it (stratified by class, seeded by
     * {@code params.randomState()}, holding out {@code testSplit} of each class). Refuses params or
     * data it cannot train on with {@link dev.grove.InvalidRequestException} before anything is
     * recorded. The caller closes the result.
     */
    PreparedSource prepare(ExternalTable table, TrainingParams params, double testSplit);
}
