package dev.grove.store;

import static dev.grove.store.db.Tables.ALIAS_HISTORY;
import static dev.grove.store.db.Tables.MODEL_ALIAS;
import static dev.grove.store.db.Tables.TRAINING_RUN;

import dev.grove.AliasConflictException;
import dev.grove.registry.Alias;
import dev.grove.registry.AliasChange;
import dev.grove.registry.AliasMoves;
import dev.grove.registry.ModelRegistry;
import dev.grove.run.TrainingRun;
import dev.grove.store.db.tables.records.AliasHistoryRecord;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * The {@link ModelRegistry} of a {@link JooqRunRepository}, on its connections: aliases in
 * {@code model_alias}, their history in {@code alias_history}.
 *
 * <p>An alias moves in one transaction whose first statement is the conditional write (UPDATE or
 * DELETE {@code ... WHERE model_name = ? AND alias = ? AND model_version = <expected>}, or an
 * INSERT that does nothing when the alias exists), then the history INSERT, then COMMIT. The write
 * coming first is what makes concurrent moves safe across processes: on SQLite it takes the
 * database's write lock at once (waiting through the busy timeout, never failing on a stale
 * snapshot, as a read-then-write transaction could); on PostgreSQL it waits on the alias row's
 * lock (or the key's, for an insert) and then sees the winner's commit. When it matches no row,
 * nothing was written, the alias is read for the message in the same transaction, and the move is
 * refused with {@link AliasConflictException}.
 */
final class JooqModelRegistry implements ModelRegistry {
    private final JooqRunRepository store;

    JooqModelRegistry(JooqRunRepository store) {
        this.store = store;
    }

    /** What a move ended as: recorded, or lost to another move (nothing written). */
    private sealed interface Outcome permits Moved, Lost {
    }

    private record Moved(AliasChange change) implements Outcome {
    }

    private record Lost(Optional<String> now) implements Outcome {
    }

    @Override
    public List<String> modelNames() {
        // Sorted in Java: String order whatever the database's collation; a store has few names.
        return store.call("list model names", ctx -> ctx.selectDistinct(TRAINING_RUN.MODEL_NAME).from(TRAINING_RUN)
                        .where(TRAINING_RUN.MODEL_NAME.ne("")).fetch(TRAINING_RUN.MODEL_NAME))
                .stream().sorted().toList();
    }

    @Override
    public List<Alias> aliases(String model) {
        Objects.requireNonNull(model, "model");
        return store.call("list the aliases of " + model, ctx -> ctx.selectFrom(MODEL_ALIAS)
                        .where(MODEL_ALIAS.MODEL_NAME.eq(model)).fetch(AliasRecords::toAlias))
                .stream().sorted(Comparator.comparing(Alias::alias)).toList();
    }

    @Override
    public Optional<Alias> alias(String model, String alias) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(alias, "alias");
        return store.call("read alias " + model + "@" + alias, ctx -> ctx.selectFrom(MODEL_ALIAS)
                .where(key(model, alias)).fetchOptional(AliasRecords::toAlias));
    }

    @Override
    public AliasChange changeAlias(String model, String alias, Optional<String> expectedFrom, Optional<TrainingRun> to,
                                   AliasChange change) {
        AliasMoves.requireConsistent(model, alias, expectedFrom, to, change);
        Outcome outcome = store.call("move alias " + model + "@" + alias, ctx -> ctx.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            if (conditionalWrite(db, model, alias, expectedFrom, to, change) == 0) {
                // Nothing was written, so committing this transaction is the same as rolling it back.
                return new Lost(db.select(MODEL_ALIAS.MODEL_VERSION).from(MODEL_ALIAS).where(key(model, alias))
                        .fetchOptional(MODEL_ALIAS.MODEL_VERSION));
            }
            return new Moved(append(db, change));
        }));
        if (outcome instanceof Lost lost) {
            throw conflict(model + "@" + alias, expectedFrom, lost.now());
        }
        return ((Moved) outcome).change();
    }

    /** The move's first statement: the compare-and-set itself. @return rows written (0 or 1) */
    private static int conditionalWrite(DSLContext db, String model, String alias, Optional<String> expectedFrom,
                                        Optional<TrainingRun> to, AliasChange change) {
        if (to.isEmpty()) {
            return db.deleteFrom(MODEL_ALIAS)
                    .where(key(model, alias), MODEL_ALIAS.MODEL_VERSION.eq(expectedFrom.orElseThrow()))
                    .execute();
        }
        TrainingRun run = to.get();
        if (expectedFrom.isEmpty()) {
            // DO NOTHING rather than a unique-key error: the same "someone was first", without
            // aborting PostgreSQL's transaction or parsing error messages.
            return db.insertInto(MODEL_ALIAS)
                    .set(MODEL_ALIAS.MODEL_NAME, model)
                    .set(MODEL_ALIAS.ALIAS, alias)
                    .set(MODEL_ALIAS.MODEL_VERSION, run.modelVersion())
                    .set(MODEL_ALIAS.RUN_ID, run.id())
                    .set(MODEL_ALIAS.UPDATED_AT, change.at())
                    .set(MODEL_ALIAS.UPDATED_BY, change.actor())
                    .onConflictDoNothing()
                    .execute();
        }
        return db.update(MODEL_ALIAS)
                .set(MODEL_ALIAS.MODEL_VERSION, run.modelVersion())
                .set(MODEL_ALIAS.RUN_ID, run.id())
                .set(MODEL_ALIAS.UPDATED_AT, change.at())
                .set(MODEL_ALIAS.UPDATED_BY, change.actor())
                .where(key(model, alias), MODEL_ALIAS.MODEL_VERSION.eq(expectedFrom.get()))
                .execute();
    }

    @Override
    public AliasChange recordRefusal(AliasChange change) {
        AliasMoves.requireRefusal(change);
        return store.call("record a refused promotion of " + change.model() + "@" + change.alias(),
                ctx -> append(ctx, change));
    }

    /** Appends the history row; returns it as stored (its id, its time cut to microseconds). */
    private static AliasChange append(DSLContext db, AliasChange change) {
        AliasHistoryRecord r = db.newRecord(ALIAS_HISTORY);
        AliasRecords.fill(r, change);
        return AliasRecords.toChange(Objects.requireNonNull(db.insertInto(ALIAS_HISTORY).set(r).returning().fetchOne(),
                "no row returned by insert"));
    }

    @Override
    public List<AliasChange> history(String model) {
        Objects.requireNonNull(model, "model");
        return store.call("read the alias history of " + model, ctx -> ctx.selectFrom(ALIAS_HISTORY)
                .where(ALIAS_HISTORY.MODEL_NAME.eq(model)).orderBy(ALIAS_HISTORY.ID).fetch(AliasRecords::toChange));
    }

    private static Condition key(String model, String alias) {
        return MODEL_ALIAS.MODEL_NAME.eq(model).and(MODEL_ALIAS.ALIAS.eq(alias));
    }

    private static AliasConflictException conflict(String ref, Optional<String> expected, Optional<String> now) {
        String what;
        if (expected.isEmpty()) {
            what = "alias " + ref + " already points at " + now.orElseThrow() + ": someone set it meanwhile";
        } else if (now.isEmpty()) {
            what = "alias " + ref + " no longer exists (it pointed at " + expected.get() + "): someone deleted it meanwhile";
        } else {
            what = "alias " + ref + " points at " + now.get() + " now, not at " + expected.get()
                    + ": someone moved it meanwhile";
        }
        return new AliasConflictException(what + "; nothing was changed");
    }

    /**
     * The history row must say what the move does, so that the history always agrees with the
     * aliases; a caller that passes something else has a bug.
     */
}
