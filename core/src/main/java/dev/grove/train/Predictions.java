package dev.grove.train;

import java.util.List;

/**
 * Predicted class per row and the class probabilities behind it.
 *
 * @param classes       class names; {@code predicted} values index this list
 * @param predicted     class code per row
 * @param probabilities per row, one probability per class (rows sum to 1)
 */
public record Predictions(List<String> classes, int[] predicted, double[][] probabilities) {
    public Predictions {
        classes = List.copyOf(classes);
        if (predicted.length != probabilities.length) {
            throw new IllegalArgumentException(predicted.length + " predictions but " + probabilities.length + " probability rows");
        }
    }

    public int size() {
        return predicted.length;
    }

    /** The predicted class name of a row. */
    public String label(int row) {
        return classes.get(predicted[row]);
    }

    /** One row's class and probabilities by class name. */
    public Prediction get(int row) {
        return Prediction.of(classes, predicted[row], probabilities[row]);
    }
}
