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
}
