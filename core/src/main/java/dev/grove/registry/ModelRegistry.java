package dev.grove.registry;

import dev.grove.run.TrainingRun;
import java.util.List;
import java.util.Optional;

/**
 * Where aliases and their history are kept: the store side of the registry (the rules are
 * {@link Models}'). Every alias move is a compare-and-set that appends its history row in the
 * same transaction, so concurrent moves from several processes end with one winner and a
 * history that agrees with the aliases. The history is never rewritten.
 */
public interface ModelRegistry {

    /** Every model name that has runs, sorted. */
    List<String> modelNames();

    /** A model's aliases, sorted by name. */
    List<Alias> aliases(String model);

    Optional<Alias> alias(String model, String alias);

    /**
     * Atomically: when the alias now points at {@code expectedFrom} (empty: the alias does not
     * exist), points it at {@code to}'s version (empty: deletes it) and appends {@code change} to
     * the history; otherwise changes nothing.
     *
     * @return the change as recorded (with its id)
     * @throws dev.grove.AliasConflictException when the alias no longer points at {@code expectedFrom}
     */
    AliasChange changeAlias(String model, String alias, Optional<String> expectedFrom, Optional<TrainingRun> to,
                            AliasChange change);

    /** Appends a row that moves nothing (a refused promotion); returns it with its id. */
    AliasChange recordRefusal(AliasChange change);

    /** A model's alias history, oldest first. */
    List<AliasChange> history(String model);
}
