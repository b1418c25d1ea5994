package dev.grove.retrain;

import dev.grove.internal.JsonValues;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One row of a model's trigger history, which is only ever appended to: when the triggers were
 * evaluated, which fired and why, what was measured, and what came of it.
 *
 * @param id           the row's id in the store (0 before it is recorded)
 * @param fired        the triggers that fired: {@code new-data}, {@code schedule}, {@code drift}, {@code metric}
 * @param reasons      one line per trigger, fired or not, saying what was found
 * @param measurements the numbers behind them (data fingerprints, PSI per feature, scores)
 * @param challenger   the run trained, when one was
 * @param promoted     whether the gate moved the alias to it, when one was trained
 */
public record TriggerEvaluation(long id, String model, String alias, Instant at, RetrainOutcome outcome,
                                List<String> fired, List<String> reasons, Map<String, Object> measurements,
                                OptionalLong challenger, Optional<Boolean> promoted, String actor,
                                Optional<String> error) {
    public TriggerEvaluation {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(outcome, "outcome");
        fired = List.copyOf(fired);
        reasons = List.copyOf(reasons);
        JsonValues.require(measurements, "measurements"); // what every store can keep exactly
        measurements = Collections.unmodifiableMap(new LinkedHashMap<>(measurements));
        Objects.requireNonNull(challenger, "challenger");
        Objects.requireNonNull(promoted, "promoted");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(error, "error");
    }

    /** The same evaluation with the id the store gave it. */
    public TriggerEvaluation withId(long newId) {
        return new TriggerEvaluation(newId, model, alias, at, outcome, fired, reasons, measurements, challenger, promoted,
                actor, error);
    }
}
