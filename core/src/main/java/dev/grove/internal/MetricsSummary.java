package dev.grove.internal;

import dev.grove.eval.ClassMetrics;
import dev.grove.eval.Evaluation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@link Evaluation} as plain maps, keyed as the original feature's metadata file and
 * Grove's JSON output: accuracy, precision, recall, f1_score (weighted), per_class.
 */
public final class MetricsSummary {
    private MetricsSummary() {
    }

    public static Map<String, Object> of(Evaluation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accuracy", e.accuracy());
        m.put("precision", e.precisionWeighted());
        m.put("recall", e.recallWeighted());
        m.put("f1_score", e.f1Weighted());
        m.put("precision_macro", e.precisionMacro());
        m.put("recall_macro", e.recallMacro());
        m.put("f1_macro", e.f1Macro());
        m.put("test_samples", e.samples());
        m.put("per_class", perClass(e));
        m.put("confusion_matrix", e.confusion());
        return m;
    }

    /** label → {precision, recall, f1, support}, in class order. */
    public static Map<String, Object> perClass(Evaluation e) {
        Map<String, Object> per = new LinkedHashMap<>();
        for (ClassMetrics c : e.perClass()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("precision", c.precision());
            row.put("recall", c.recall());
            row.put("f1", c.f1());
            row.put("support", c.support());
            per.put(c.label(), row);
        }
        return per;
    }
}
