package dev.grove.internal;

import dev.grove.retrain.TriggerEvaluation;
import java.util.LinkedHashMap;
import java.util.Map;

/** A trigger evaluation as a flat, snake_case map: what {@code grove retrain --json} prints and the server answers. */
public final class RetrainView {
    private RetrainView() {
    }

    public static Map<String, Object> of(TriggerEvaluation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("model", e.model());
        m.put("alias", e.alias());
        m.put("at", e.at().toString());
        m.put("outcome", e.outcome().name());
        m.put("fired", e.fired());
        m.put("reasons", e.reasons());
        m.put("measurements", e.measurements());
        m.put("challenger_run_id", e.challenger().isPresent() ? e.challenger().getAsLong() : null);
        m.put("promoted", e.promoted().orElse(null));
        m.put("actor", e.actor());
        m.put("error", e.error().orElse(null));
        return m;
    }
}
