package dev.grove;

import dev.grove.data.Dataset;
import dev.grove.data.DatasetProfile;
import java.util.List;
import java.util.Map;

/** Refuses data a forest cannot honestly be trained and scored on, saying what to change. */
final class TrainableCheck {
    private TrainableCheck() {
    }

    static void require(Dataset data, DatasetProfile profile) {
        require(data.source().path(), data.labelName(), data.features().columns().size(), profile);
    }

    /**
     * The same checks from a profile alone, for a table profiled where it lives.
     *
     * @param path     the table, for messages
     * @param features how many feature columns it has besides the label
     */
    static void require(String path, String label, int features, DatasetProfile profile) {
        String where = "dataset " + path;
        if (features == 0) {
            throw new InvalidDataException(where + " has no feature columns besides the label '" + label
                    + "'; add feature columns or include more of them");
        }
        Map<String, Integer> classes = profile.classCounts();
        if (classes.size() < 2) {
            String only = classes.isEmpty() ? "no rows" : "a single class ('" + classes.keySet().iterator().next() + "', "
                    + profile.rows() + " rows)";
            throw new InvalidDataException(where + ": label '" + label + "' has " + only + "; a classifier needs at "
                    + "least two classes: check that the label column is the right one");
        }
        for (Map.Entry<String, Integer> e : classes.entrySet()) {
            if (e.getValue() < 2) {
                throw new InvalidDataException(where + ": class '" + e.getKey() + "' of label '" + label
                        + "' has a single row, so a stratified split cannot put it in both the training and the test "
                        + "rows; add rows of that class or remove that row");
            }
        }
        List<String> empty = profile.emptyColumns();
        if (!empty.isEmpty()) {
            throw new InvalidDataException(where + ": every value of feature " + String.join(", ", empty)
                    + " is missing; exclude " + (empty.size() == 1 ? "it" : "them") + " from the features or fill "
                    + (empty.size() == 1 ? "it" : "them") + " in");
        }
    }
}
