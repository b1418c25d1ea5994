package dev.grove.internal;

import dev.grove.artifact.LoadedModel;
import dev.grove.data.Dataset;
import dev.grove.eval.Evaluation;
import dev.grove.eval.Evaluator;
import dev.grove.run.RunField;
import dev.grove.train.Predictions;
import java.util.ArrayList;
import java.util.List;

/** A model's score on labelled rows, by one of the run table's metrics (weighted, as recorded). */
public final class Scores {
    private Scores() {
    }

    /** A class the rows do not have counts as a wrong prediction. */
    public static double of(LoadedModel model, Dataset rows, RunField metric) {
        Predictions p = model.predict(rows.features());
        List<String> classes = new ArrayList<>(rows.classes());
        int[] predicted = new int[p.size()];
        for (int i = 0; i < predicted.length; i++) {
            String label = p.label(i);
            int code = classes.indexOf(label);
            if (code < 0) {
                classes.add(label);
                code = classes.size() - 1;
            }
            predicted[i] = code;
        }
        Evaluation e = Evaluator.evaluate(classes, rows.labels(), predicted);
        return switch (metric) {
            case ACCURACY -> e.accuracy();
            case PRECISION -> e.precisionWeighted();
            case RECALL -> e.recallWeighted();
            case F1 -> e.f1Weighted();
            default -> throw new IllegalArgumentException(metric + " is not a metric");
        };
    }
}
