package dev.grove.registry;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of a model's alias history, which is only ever appended to: who did what to which
 * alias, when, from which version to which, why, and the gate's scores when a promotion was gated.
 *
 * @param id          the row's id in the store (0 before it is recorded)
 * @param fromVersion the version the alias pointed at before; empty when it did not exist
 * @param toVersion   the version it points at after; empty when deleted (or, for a refusal, the challenger)
 */
public record AliasChange(long id, String model, String alias, AliasAction action, Optional<String> fromVersion,
                          Optional<String> toVersion, String actor, Instant at, String reason,
                          Optional<GateScores> gate) {
    public AliasChange {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(fromVersion, "fromVersion");
        Objects.requireNonNull(toVersion, "toVersion");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(gate, "gate");
    }

    /** The same change with the id the store gave it. */
    public AliasChange withId(long newId) {
        return new AliasChange(newId, model, alias, action, fromVersion, toVersion, actor, at, reason, gate);
    }
}
