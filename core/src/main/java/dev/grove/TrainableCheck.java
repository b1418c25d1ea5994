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
        String where = "dataset " + data.source().path();
        if (data.features().columns().isEmpty()) {
            throw new InvalidDataException(where + " has no feature columns besides the label '" + data.labelName()
                    + "'; add feature columns or include more of them");
        }
        if (data.classes().size() < 2) {
            throw new InvalidDataException(where + ": label '" + data.labelName() + "' has a single class ('"
                    + data.classes().get(0) + "', " + data.size() + " rows); a classifier needs at least two classes: "
                    + "check that the label column is the right one");
        }
        for (Map.Entry<String, Integer> e : profile.classCounts().entrySet()) {
            if (e.getValue() < 2) {
                throw new InvalidDataException(where + ": class '" + e.getKey() + "' of label '" + data.labelName()
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
