package dev.grove.store;

import static dev.grove.store.db.Tables.RETRAIN_LOCK;
import static dev.grove.store.db.Tables.TRIGGER_HISTORY;

import dev.grove.retrain.RetrainLedger;
import dev.grove.retrain.TriggerEvaluation;
import dev.grove.store.db.tables.records.TriggerHistoryRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * The {@link RetrainLedger} of a {@link JooqRunRepository}, on its connections: the retraining
 * locks in {@code retrain_lock} (one row per model being retrained), the trigger history in the
 * append-only {@code trigger_history}.
 *
 * <p>A lock is taken by one statement, atomic on both databases:
 * <pre>
 * INSERT INTO retrain_lock (model_name, holder, acquired_at, refreshed_at) VALUES (?, ?, now, now)
 * ON CONFLICT (model_name) DO UPDATE SET holder = excluded.holder, ...
 * WHERE retrain_lock.holder = excluded.holder OR retrain_lock.refreshed_at &lt; staleBefore
 * </pre>
 * One row written means the caller holds the lock; none, that another live holder has it. On
 * SQLite the statement holds the database's write lock from start to end (other processes wait
 * through the busy timeout). On PostgreSQL a second inserter of the same key waits for the first
 * to commit, then takes the conflict path; the WHERE is checked on the newest row version, under
 * its row lock, so two takers of a stale lock cannot both succeed.
 */
final class JooqRetrainLedger implements RetrainLedger {
    private final JooqRunRepository store;

    JooqRetrainLedger(JooqRunRepository store) {
        this.store = store;
    }

    @Override
    public boolean tryLock(String model, String holder, Instant now, Instant staleBefore) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(staleBefore, "staleBefore");
        Condition sameHolder = RETRAIN_LOCK.HOLDER.eq(DSL.excluded(RETRAIN_LOCK.HOLDER));
        int rows = store.call("take the retraining lock of " + model, ctx -> ctx.insertInto(RETRAIN_LOCK)
                .set(RETRAIN_LOCK.MODEL_NAME, model)
                .set(RETRAIN_LOCK.HOLDER, holder)
                .set(RETRAIN_LOCK.ACQUIRED_AT, now)
                .set(RETRAIN_LOCK.REFRESHED_AT, now)
                .onConflict(RETRAIN_LOCK.MODEL_NAME)
                .doUpdate()
                .set(RETRAIN_LOCK.HOLDER, DSL.excluded(RETRAIN_LOCK.HOLDER))
                // taken again by its holder: still held since it was first taken
                .set(RETRAIN_LOCK.ACQUIRED_AT, DSL.when(sameHolder, RETRAIN_LOCK.ACQUIRED_AT)
                        .otherwise(DSL.excluded(RETRAIN_LOCK.ACQUIRED_AT)))
                .set(RETRAIN_LOCK.REFRESHED_AT, DSL.excluded(RETRAIN_LOCK.REFRESHED_AT))
                .where(sameHolder.or(JooqRunRepository.before(RETRAIN_LOCK.REFRESHED_AT, staleBefore)))
                .execute());
        return rows == 1;
    }

    /** {@code UPDATE retrain_lock SET refreshed_at = ? WHERE model_name = ? AND holder = ?}. */
    @Override
    public boolean refreshLock(String model, String holder, Instant now) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(now, "now");
        return store.call("refresh the retraining lock of " + model, ctx -> ctx.update(RETRAIN_LOCK)
                .set(RETRAIN_LOCK.REFRESHED_AT, now)
                .where(RETRAIN_LOCK.MODEL_NAME.eq(model), RETRAIN_LOCK.HOLDER.eq(holder))
                .execute()) == 1;
    }

    /** {@code DELETE FROM retrain_lock WHERE model_name = ? AND holder = ?}: a lock taken over by another holder stays theirs. */
    @Override
    public void unlock(String model, String holder) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(holder, "holder");
        store.call("release the retraining lock of " + model, ctx -> ctx.deleteFrom(RETRAIN_LOCK)
                .where(RETRAIN_LOCK.MODEL_NAME.eq(model), RETRAIN_LOCK.HOLDER.eq(holder))
                .execute());
    }

    /** One INSERT; returns the evaluation as stored (its id, its time cut to whole microseconds). */
    @Override
    public TriggerEvaluation record(TriggerEvaluation evaluation) {
        Objects.requireNonNull(evaluation, "evaluation");
        return store.call("record a trigger evaluation of " + evaluation.model() + "@" + evaluation.alias(), ctx -> {
            TriggerHistoryRecord r = ctx.newRecord(TRIGGER_HISTORY);
            TriggerRecords.fill(r, evaluation);
            return TriggerRecords.toEvaluation(Objects.requireNonNull(
                    ctx.insertInto(TRIGGER_HISTORY).set(r).returning().fetchOne(), "no row returned by insert"));
        });
    }

    @Override
    public List<TriggerEvaluation> evaluations(String model) {
        Objects.requireNonNull(model, "model");
        return store.call("read the trigger history of " + model, ctx -> ctx.selectFrom(TRIGGER_HISTORY)
                .where(TRIGGER_HISTORY.MODEL_NAME.eq(model)).orderBy(TRIGGER_HISTORY.ID)
                .fetch(TriggerRecords::toEvaluation));
    }
}
