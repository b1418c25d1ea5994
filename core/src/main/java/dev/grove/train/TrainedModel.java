package dev.grove.train;

import dev.grove.data.Table;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** A fitted forest: predicts raw rows, knows its features and classes, writes itself. */
public interface TrainedModel {

    /** Name of the {@link Trainer} that made it (and can load it). */
    String trainerName();

    /** Class names; predictions index this list. */
    List<String> classes();

    /** The features the model reads, their types and how raw values map to model inputs. */
    FeatureEncoding encoding();

    /** Every parameter the trainer used, defaults resolved (e.g. the actual mtry). */
    Map<String, Object> params();

    /** Predicts each row of {@code rows}, matching columns by name (extra columns are ignored). */
    Predictions predict(Table rows);

    /**
     * Predicts rows held as maps of feature name → value (numbers, or text for categorical
     * features; {@code null} for a missing value); keys that are not features are ignored.
     */
    default Predictions predict(java.util.List<? extends java.util.Map<String, ?>> rows) {
        return predict(Table.ofRows(rows, encoding().types(), RowEncoder.ROWS));
    }

    /** Predicts one row held as a map of feature name → value (see {@link #predict(java.util.List)}). */
    default Prediction predict(java.util.Map<String, ?> row) {
        return predict(java.util.List.of(row)).get(0);
    }

    /** Writes the model in the trainer's own format, readable by {@link Trainer#load}. */
    void write(OutputStream out) throws IOException;

    /** Extra provenance for the model's sidecar (e.g. the library's own record); empty by default. */
    default Map<String, Object> provenance() {
        return Map.of();
    }
}
