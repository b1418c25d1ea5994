package dev.grove.artifact;

import dev.grove.InvalidDataException;
import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.internal.MissingColumnsException;
import dev.grove.data.Table;
import dev.grove.train.Predictions;
import dev.grove.train.TrainedModel;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** A model read back from disk, its bytes verified against its sidecar. */
public record LoadedModel(Path path, ModelSidecar sidecar, TrainedModel model) {

    /** Predicts rows of a CSV; its columns are matched by name and typed as the model expects. */
    public Predictions predict(Path csv, CsvOptions options) {
        Set<String> categorical = new HashSet<>(options.categorical());
        categorical.addAll(model.encoding().categoricalNames());
        Table rows;
        try {
            rows = CsvReader.readTable(csv, options.withInclude(model.encoding().names()).withCategorical(categorical));
        } catch (MissingColumnsException e) {
            throw new InvalidDataException(csv + " lacks the feature column" + (e.absent().size() == 1 ? " " : "s ")
                    + String.join(", ", e.absent()) + " that model " + path + " was trained on (its columns are: "
                    + String.join(", ", e.available()) + "); add " + (e.absent().size() == 1 ? "it" : "them")
                    + " to the input, named as in training", e);
        }
        return model.predict(rows);
    }

    public Predictions predict(Table rows) {
        model.encoding().requireColumns(rows);
        return model.predict(rows);
    }
}
