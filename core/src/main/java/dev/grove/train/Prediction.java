package dev.grove.train;

import java.util.Map;

/**
 * The prediction for one row: the most probable class and every class's probability.
 *
 * @param probabilities class name → probability, in the model's class order (they sum to 1)
 */
public record Prediction(String label, Map<String, Double> probabilities) {
    public Prediction {
        probabilities = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(probabilities));
    }

    /** The prediction of class {@code predicted} (an index into {@code classes}) with these probabilities. */
    public static Prediction of(java.util.List<String> classes, int predicted, double[] probabilities) {
        Map<String, Double> p = new java.util.LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            p.put(classes.get(c), probabilities[c]);
        }
        return new Prediction(classes.get(predicted), p);
    }
}
