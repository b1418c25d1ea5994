package dev.grove.train;

import dev.grove.data.Dataset;
import dev.grove.data.DatasetProfile;
import dev.grove.data.DatasetSource;
import java.nio.file.Path;
import java.util.List;

/**
 * An external table read, profiled and split by a {@link SourceTrainer}, ready to fit. Everything
 * here is small (counts, names, a bounded sample); the rows stay where they are.
 */
public interface PreparedSource extends AutoCloseable {

    /** The table's location, a fingerprint of its rows, and how many were read and dropped. */
    DatasetSource source();

    /** The label column. */
    String labelName();

    /** Class names, in the order the model's predictions and {@link #confusion} index them. */
    List<String> classes();

    /** Profile of all rows read (class counts, missing cells per feature). */
    DatasetProfile profile();

    /** Feature name → {@code numeric} or {@code categorical}, in column order. */
    java.util.Map<String, String> featureTypes();

    /** The name of the split used (recorded with the run), e.g. {@code spark-hash-stratified-v1}. */
    String splitName();

    long trainRows();

    long testRows();

    /** The params as the trainer will use them, defaults resolved (recorded with the run). */
    TrainingParams params();

    /** Fits on the train rows; the model predicts without the engine (it is what the pipeline writes). */
    TrainedModel fit(FitProgress progress);

    /** Counts of the test rows by true class (row) and the engine's predicted class (column). */
    long[][] confusion(TrainedModel model);

    /**
     * Up to {@code limit} test rows with the engine's own predictions for them (class indexes into
     * {@link #classes}), so the pipeline can check the written model predicts as the engine does.
     */
    TestSample testSample(TrainedModel model, int limit);

    /** Writes the engine's native model beside the Grove model file (e.g. a folder), if it has one. */
    void writeNative(TrainedModel model, Path modelFile);

    /** Removes what {@link #writeNative} wrote, after a failure. */
    void deleteNative(Path modelFile);

    /** Releases what the engine holds for this table (cached data); never throws. */
    @Override
    void close();

    /** Test rows and the engine's predictions for them. */
    record TestSample(Dataset rows, int[] predicted) {
    }
}
