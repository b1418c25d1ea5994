package dev.grove.registry;

import dev.grove.InvalidRequestException;
import dev.grove.run.TrainingRun;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks every {@link ModelRegistry} makes before it writes: a move and its history row must
 * tell the same story, and a refusal moves nothing. They are programming errors of the caller
 * ({@link IllegalArgumentException}), but for an alias pointed at another model's version.
 */
public final class AliasMoves {
    private AliasMoves() {
    }

    /** What {@link ModelRegistry#changeAlias} must refuse before it writes anything. */
    public static void requireConsistent(String model, String alias, Optional<String> expectedFrom,
                                          Optional<TrainingRun> to, AliasChange change) {
        Objects.requireNonNull(expectedFrom, "expectedFrom");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(change, "change");
        ModelNames.requireName(model);
        ModelNames.requireAlias(alias);
        if (expectedFrom.isEmpty() && to.isEmpty()) {
            throw new IllegalArgumentException("nothing to change: alias " + model + "@" + alias
                    + " is expected not to exist and is not to point anywhere");
        }
        if (!change.model().equals(model) || !change.alias().equals(alias)) {
            throw new IllegalArgumentException("the history row is about " + change.model() + "@" + change.alias()
                    + ", the move about " + model + "@" + alias);
        }
        if (!change.fromVersion().equals(expectedFrom)
                || !change.toVersion().equals(to.map(TrainingRun::modelVersion))) {
            throw new IllegalArgumentException("the history row says " + change.fromVersion().orElse("nothing") + " -> "
                    + change.toVersion().orElse("nothing") + ", the move " + expectedFrom.orElse("nothing") + " -> "
                    + to.map(TrainingRun::modelVersion).orElse("nothing"));
        }
        if (change.action() == AliasAction.REFUSE || (change.action() == AliasAction.DELETE) != to.isEmpty()) {
            throw new IllegalArgumentException("action " + change.action() + " does not fit a move to "
                    + to.map(TrainingRun::modelVersion).orElse("nothing") + " (DELETE removes the alias, REFUSE moves"
                    + " nothing and is recorded by recordRefusal)");
        }
        if (to.isPresent() && !to.get().spec().modelName().equals(model)) {
            TrainingRun run = to.get();
            throw new InvalidRequestException("version " + run.modelVersion() + " (run " + run.id() + ") belongs to model "
                    + run.spec().modelName() + ", not " + model + "; an alias of " + model + " can only point at its own"
                    + " versions");
        }
    }

    /** What {@link ModelRegistry#recordRefusal} must refuse: anything but a REFUSE row with a valid name and alias. */
    public static void requireRefusal(AliasChange change) {
        Objects.requireNonNull(change, "change");
        ModelNames.requireName(change.model());
        ModelNames.requireAlias(change.alias());
        if (change.action() != AliasAction.REFUSE) {
            throw new IllegalArgumentException("a refusal is recorded with action REFUSE, not " + change.action()
                    + "; moves are recorded by changeAlias");
        }
    }
}
