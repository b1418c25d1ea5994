package dev.grove.artifact;

import dev.grove.InvalidDataException;
import dev.grove.data.CsvOptions;
import dev.grove.data.CsvRowReader;
import dev.grove.data.RowChunk;
import dev.grove.internal.MissingColumnsException;
import dev.grove.data.Table;
import dev.grove.train.Predictions;
import dev.grove.train.TrainedModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A model read back from disk, its bytes verified against its sidecar. */
public record LoadedModel(Path path, ModelSidecar sidecar, TrainedModel model) {

    /**
     * Opens a CSV to predict a chunk of rows at a time: its columns are matched by name and typed
     * as the model reads them (a numeric feature must hold numbers); predict each chunk's
     * {@link RowChunk#features()} with {@link #predict(Table)}. The caller closes it.
     */
    public CsvRowReader openRows(Path csv, CsvOptions options) {
        try {
            return CsvRowReader.open(csv, options, model.encoding().types());
        } catch (MissingColumnsException e) {
            throw new InvalidDataException(csv + " lacks the feature column" + (e.absent().size() == 1 ? " " : "s ")
                    + String.join(", ", e.absent()) + " that model " + path + " was trained on (its columns are: "
                    + String.join(", ", e.available()) + "); add " + (e.absent().size() == 1 ? "it" : "them")
                    + " to the input, named as in training", e);
        }
    }

    /** Predicts every row of a CSV, read as {@link #openRows} reads it; a header-only file gives no predictions. */
    public Predictions predict(Path csv, CsvOptions options) {
        List<Predictions> parts = new ArrayList<>();
        try (CsvRowReader rows = openRows(csv, options)) {
            for (Optional<RowChunk> c = rows.next(); c.isPresent(); c = rows.next()) {
                parts.add(model.predict(c.get().features()));
            }
        }
        int n = parts.stream().mapToInt(Predictions::size).sum();
        int[] predicted = new int[n];
        double[][] probabilities = new double[n][];
        int at = 0;
        for (Predictions p : parts) {
            System.arraycopy(p.predicted(), 0, predicted, at, p.size());
            System.arraycopy(p.probabilities(), 0, probabilities, at, p.size());
            at += p.size();
        }
        return new Predictions(model.classes(), predicted, probabilities);
    }

    public Predictions predict(Table rows) {
        model.encoding().requireColumns(rows);
        return model.predict(rows);
    }
}
