package dev.grove.store;

import static dev.grove.store.db.Tables.TRAINING_RUN;

import dev.grove.DuplicateModelVersionException;
import dev.grove.RunStoreClosedException;
import dev.grove.RunStoreException;
import dev.grove.registry.ModelRegistry;
import dev.grove.retrain.RetrainLedger;
import dev.grove.run.RunField;
import dev.grove.run.RunOutcome;
import dev.grove.run.RunQuery;
import dev.grove.run.RunRepository;
import dev.grove.run.RunSpec;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import dev.grove.store.db.tables.records.TrainingRunRecord;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.SelectConditionStep;
import org.jooq.SortField;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RunRepository} on jOOQ: SQLite by default (one file, WAL journal, several processes
 * may record runs at once), PostgreSQL for shared use, the dialect taken from the URL. The schema
 * is created and upgraded by Flyway on {@link #open}. Safe to share between threads. The model
 * registry ({@link #registry()}: aliases and their history) and the retraining ledger
 * ({@link #retraining()}: a lock per model, the trigger history) live in the same database.
 *
 * <p>Closing interrupts the runs this handle started that are still RUNNING (reason
 * {@link RunRepository#CLOSED_WHILE_RUNNING}), then releases the connections; afterwards every
 * call but {@link #location()} throws {@link RunStoreClosedException}. Closing twice is harmless.
 *
 * <p>Loggers: {@code dev.grove.store} (this module), {@code org.flywaydb} (migrations, routed
 * through SLF4J, INFO per migration) and {@code org.jooq}; set the latter two to WARN to keep
 * them quiet. jOOQ's start-up logo and tip are INFO lines of logger {@code org.jooq.Constants};
 * jOOQ 3.19 has no per-instance setting for them (only the JVM-wide system properties
 * {@code org.jooq.no-logo}/{@code no-tips}, which a library must not set for its host), so they
 * are left to the logging configuration.
 */
public final class JooqRunRepository implements RunRepository {
    private static final Logger LOG = LoggerFactory.getLogger(JooqRunRepository.class);

    /** How long a SQLite write waits for another process's write to finish. */
    static final int BUSY_TIMEOUT_MS = 30_000;

    private final StoreTarget target;
    private final Connections connections;
    private final Settings settings;
    /** Runs this handle started and has not seen leave RUNNING: interrupted when it closes. */
    private final Set<Long> startedHere = ConcurrentHashMap.newKeySet();
    private final JooqModelRegistry registry = new JooqModelRegistry(this);
    private final JooqRetrainLedger retraining = new JooqRetrainLedger(this);
    /** Calls share the read lock; close takes the write lock, so it waits for calls in flight and none starts after. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed; // guarded by lifecycle

    private JooqRunRepository(StoreTarget target, Connections connections) {
        this.target = target;
        this.connections = connections;
        this.settings = connections.settings();
    }

    /**
     * Opens (creating or upgrading as needed) the run store at a SQLite file path,
     * {@code jdbc:sqlite:<path>}, or {@code jdbc:postgresql://host:port/db} (user and password may
     * be in the URL: {@code ?user=...&password=...}; so may the driver's {@code connectTimeout},
     * {@code loginTimeout} and {@code socketTimeout}, in seconds, defaults 10, 10 and 60).
     *
     * @throws RunStoreException when the target is not a usable run store; the message says why and what to do
     */
    public static JooqRunRepository open(String pathOrJdbcUrl) {
        return open(StoreTarget.parse(pathOrJdbcUrl, null, null), PostgresTimeouts.DEFAULTS);
    }

    /** Opens a SQLite run store file. */
    public static JooqRunRepository open(Path sqliteFile) {
        return open(StoreTarget.parse(sqliteFile.toString(), null, null), PostgresTimeouts.DEFAULTS);
    }

    /** Opens a PostgreSQL (or SQLite) store with explicit credentials. */
    public static JooqRunRepository open(String jdbcUrl, String user, String password) {
        return open(StoreTarget.parse(jdbcUrl, user, password), PostgresTimeouts.DEFAULTS);
    }

    static JooqRunRepository open(StoreTarget target, PostgresTimeouts timeouts) {
        Connections connections = target.isSqlite() ? openSqlite(target) : openPostgres(target, timeouts);
        JooqRunRepository repo = new JooqRunRepository(target, connections);
        try {
            repo.call("name the runs recorded without a model name", ctx -> ModelNameBackfill.run(ctx, target.location()));
        } catch (RuntimeException e) {
            repo.close();
            throw e;
        }
        LOG.debug("run store {} open ({})", target.location(), target.dialect());
        return repo;
    }

    private static Connections openSqlite(StoreTarget target) {
        Path file = target.file().orElseThrow();
        // Flyway runs only when the schema is not yet current (a new file, or an older schema).
        boolean current = SchemaGuard.checkSqliteFile(file) && SchemaGuard.checkSqliteSchema(file);
        Connections.Sqlite c = Connections.sqlite(target);
        try {
            if (!current) {
                SchemaGuard.migrate(target, c.dataSource());
            }
            c.connect();
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static Connections openPostgres(StoreTarget target, PostgresTimeouts timeouts) {
        Connections.Postgres c = Connections.postgres(target, timeouts);
        try {
            boolean current = c.run(conn -> {
                try {
                    return SchemaGuard.checkSchema(conn, target.location(), false);
                } catch (SQLException e) {
                    throw new RunStoreException("cannot read the schema of run store " + target.location() + ": "
                            + c.why(e), e);
                }
            });
            if (!current) {
                SchemaGuard.migrate(target, c.dataSource());
            }
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    SQLDialect dialect() {
        return target.dialect();
    }

    /**
     * Runs {@code work} with a DSL context while the store is open, turning database errors into
     * {@link RunStoreException}s that say {@code what} could not be done. The registry's calls go
     * through here too, so they share the connections and the close semantics.
     */
    <T> T call(String what, Function<DSLContext, T> work) {
        Lock open = lifecycle.readLock();
        open.lock();
        try {
            if (closed) {
                throw new RunStoreClosedException(target.location());
            }
            return connections.run(conn -> work.apply(DSL.using(conn, target.dialect(), settings)));
        } catch (DataAccessException e) {
            throw new RunStoreException("cannot " + what + " in run store " + target.location() + ": "
                    + connections.why(e), e);
        } finally {
            open.unlock();
        }
    }

    @Override
    public TrainingRun start(RunSpec spec) {
        Objects.requireNonNull(spec, "spec");
        TrainingRun run = call("record run " + spec.modelVersion(), ctx -> {
            TrainingRunRecord r = ctx.newRecord(TRAINING_RUN);
            RunRecords.fillStart(r, spec);
            try {
                TrainingRunRecord stored = ctx.insertInto(TRAINING_RUN).set(r).returning().fetchOne();
                return RunRecords.toRun(Objects.requireNonNull(stored, "no row returned by insert"));
            } catch (DataAccessException e) {
                if (isUniqueViolation(e, "model_version")) {
                    throw new DuplicateModelVersionException(spec.modelVersion());
                }
                throw e;
            }
        });
        startedHere.add(run.id());
        return run;
    }

    private static boolean isUniqueViolation(Throwable e, String column) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                String message = String.valueOf(sql.getMessage());
                boolean unique = "23505".equals(state) // PostgreSQL unique_violation
                        || (sql instanceof org.sqlite.SQLiteException s
                        && s.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE)
                        || message.contains("UNIQUE constraint failed");
                if (unique && message.contains(column)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public TrainingRun succeed(long id, RunOutcome outcome, Instant finishedAt) {
        Objects.requireNonNull(outcome, "outcome");
        return finish(id, RunStatus.SUCCEEDED, finishedAt, r -> RunRecords.fillOutcome(r, outcome), null);
    }

    @Override
    public TrainingRun fail(long id, String error, Instant finishedAt) {
        Objects.requireNonNull(error, "error");
        return finish(id, RunStatus.FAILED, finishedAt, r -> { }, error);
    }

    @Override
    public TrainingRun interrupt(long id, String reason, Instant finishedAt) {
        Objects.requireNonNull(reason, "reason");
        return finish(id, RunStatus.INTERRUPTED, finishedAt, r -> { }, reason);
    }

    /** The run's one transition: {@code ... WHERE id = ? AND status = 'RUNNING'}, one row or a refusal. */
    private TrainingRun finish(long id, RunStatus status, Instant finishedAt, Consumer<TrainingRunRecord> columns,
                               String error) {
        Objects.requireNonNull(finishedAt, "finishedAt");
        Optional<TrainingRunRecord> updated = call("finish run " + id, ctx -> {
            TrainingRunRecord r = ctx.newRecord(TRAINING_RUN);
            r.set(TRAINING_RUN.STATUS, status.name());
            r.set(TRAINING_RUN.FINISHED_AT, finishedAt);
            if (error != null) {
                r.set(TRAINING_RUN.ERROR_MESSAGE, error);
            }
            columns.accept(r);
            return ctx.update(TRAINING_RUN).set(r)
                    .where(TRAINING_RUN.ID.eq(id).and(TRAINING_RUN.STATUS.eq(RunStatus.RUNNING.name())))
                    .returning().fetchOptional();
        });
        startedHere.remove(id); // finished now, or by someone else before
        if (updated.isPresent()) {
            return RunRecords.toRun(updated.get());
        }
        TrainingRun current = findById(id).orElseThrow(() -> new RunStoreException("no run with id " + id
                + " in run store " + target.location()));
        throw new RunStoreException("run " + id + " (" + current.modelVersion() + ") is " + current.status()
                + ", not RUNNING; a finished run is never rewritten");
    }

    /** {@code UPDATE training_run SET heartbeat_at = ? WHERE id = ? AND status = 'RUNNING'}. */
    @Override
    public boolean heartbeat(long id, Instant at) {
        Objects.requireNonNull(at, "at");
        int rows = call("record the heartbeat of run " + id, ctx -> ctx.update(TRAINING_RUN)
                .set(TRAINING_RUN.HEARTBEAT_AT, at)
                .where(TRAINING_RUN.ID.eq(id).and(TRAINING_RUN.STATUS.eq(RunStatus.RUNNING.name())))
                .execute());
        if (rows == 0) {
            startedHere.remove(id);
        }
        return rows == 1;
    }

    /**
     * One statement, so a heartbeat that lands first wins: {@code UPDATE ... SET status =
     * 'INTERRUPTED' ... WHERE id = ? AND status = 'RUNNING' AND heartbeat_at < ? RETURNING ...}.
     */
    @Override
    public Optional<TrainingRun> interruptIfStale(long id, Instant staleBefore, String reason, Instant at) {
        Objects.requireNonNull(staleBefore, "staleBefore");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        Condition older = before(TRAINING_RUN.HEARTBEAT_AT, staleBefore);
        Optional<TrainingRunRecord> moved = call("interrupt run " + id, ctx -> ctx.update(TRAINING_RUN)
                .set(TRAINING_RUN.STATUS, RunStatus.INTERRUPTED.name())
                .set(TRAINING_RUN.FINISHED_AT, at)
                .set(TRAINING_RUN.ERROR_MESSAGE, reason)
                .where(TRAINING_RUN.ID.eq(id), TRAINING_RUN.STATUS.eq(RunStatus.RUNNING.name()), older)
                .returning().fetchOptional());
        moved.ifPresent(r -> startedHere.remove(id));
        return moved.map(RunRecords::toRun);
    }

    /** {@code field < t} for stored times (whole microseconds, years 1 to 9999), whatever {@code t} is. */
    static Condition before(Field<Instant> field, Instant t) {
        Instant bound = StoredTimes.bound(t);
        if (StoredTimes.atOrBeforeMin(bound)) {
            return DSL.falseCondition();
        }
        return StoredTimes.beyondMax(bound) ? DSL.trueCondition() : field.lt(bound);
    }

    /** {@code field >= t} for stored times. */
    private static Condition atOrAfter(Field<Instant> field, Instant t) {
        Instant bound = StoredTimes.bound(t);
        if (StoredTimes.atOrBeforeMin(bound)) {
            return DSL.trueCondition();
        }
        return StoredTimes.beyondMax(bound) ? DSL.falseCondition() : field.ge(bound);
    }

    @Override
    public Optional<TrainingRun> findById(long id) {
        return findOne("find run " + id, TRAINING_RUN.ID.eq(id));
    }

    @Override
    public Optional<TrainingRun> findByUuid(UUID uuid) {
        return findOne("find run " + uuid, TRAINING_RUN.RUN_UUID.eq(uuid.toString()));
    }

    @Override
    public Optional<TrainingRun> findByModelVersion(String modelVersion) {
        return findOne("find run " + modelVersion, TRAINING_RUN.MODEL_VERSION.eq(modelVersion));
    }

    private Optional<TrainingRun> findOne(String what, Condition condition) {
        return call(what, ctx -> ctx.selectFrom(TRAINING_RUN).where(condition).fetchOptional()).map(RunRecords::toRun);
    }

    @Override
    public List<TrainingRun> list(RunQuery q) {
        Objects.requireNonNull(q, "query");
        List<TrainingRunRecord> records = call("list runs", ctx -> {
            SelectConditionStep<TrainingRunRecord> select = ctx.selectFrom(TRAINING_RUN).where(conditions(q));
            var ordered = select.orderBy(ordering(q.orderBy(), q.descending()));
            if (q.limit() == Integer.MAX_VALUE && q.offset() == 0) {
                return ordered.fetch();
            }
            return ordered.limit(q.limit()).offset(q.offset()).fetch();
        });
        List<TrainingRun> runs = new ArrayList<>(records.size());
        for (TrainingRunRecord r : records) {
            runs.add(RunRecords.toRun(r));
        }
        return runs;
    }

    private List<Condition> conditions(RunQuery q) {
        List<Condition> c = new ArrayList<>();
        q.status().ifPresent(s -> c.add(TRAINING_RUN.STATUS.eq(s.name())));
        q.modelName().ifPresent(n -> c.add(TRAINING_RUN.MODEL_NAME.eq(n)));
        q.trainer().ifPresent(t -> c.add(TRAINING_RUN.TRAINER_NAME.eq(t)));
        q.versionPattern().ifPresent(p -> c.add(versionMatches(p)));
        q.datasetSha256().ifPresent(h -> c.add(TRAINING_RUN.DATASET_SHA256.eq(h)));
        q.from().ifPresent(f -> c.add(atOrAfter(TRAINING_RUN.RUN_DATE, f)));
        q.to().ifPresent(t -> c.add(before(TRAINING_RUN.RUN_DATE, t)));
        return c;
    }

    /**
     * {@code *} matches any characters, everything else literally and case-sensitively (as
     * {@link RunQuery#matchesPattern}): SQLite's LIKE ignores ASCII case, so SQLite uses GLOB.
     */
    private Condition versionMatches(String pattern) {
        if (target.isSqlite()) {
            StringBuilder glob = new StringBuilder();
            for (char ch : pattern.toCharArray()) {
                switch (ch) {
                    case '*' -> glob.append('*');
                    case '?' -> glob.append("[?]");
                    case '[' -> glob.append("[[]");
                    default -> glob.append(ch);
                }
            }
            return DSL.condition("{0} glob {1}", TRAINING_RUN.MODEL_VERSION, DSL.val(glob.toString()));
        }
        StringBuilder like = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            switch (ch) {
                case '*' -> like.append('%');
                case '%', '_', '!' -> like.append('!').append(ch);
                default -> like.append(ch);
            }
        }
        return TRAINING_RUN.MODEL_VERSION.like(like.toString(), '!');
    }

    /**
     * As core's {@link dev.grove.internal.RunOrdering}: runs lacking the value last in either
     * direction, ties by id in the same direction. SQLite puts NULLs first ascending and
     * PostgreSQL puts them first descending, so only those cases spell out NULLS LAST (which keeps
     * the plain descending orders index-friendly on SQLite).
     */
    private List<SortField<?>> ordering(RunField field, boolean descending) {
        Field<?> f = switch (field) {
            case ID -> TRAINING_RUN.ID;
            case STARTED_AT -> TRAINING_RUN.RUN_DATE;
            case FINISHED_AT -> TRAINING_RUN.FINISHED_AT;
            case ACCURACY -> TRAINING_RUN.ACCURACY;
            case PRECISION -> TRAINING_RUN.PRECISION;
            case RECALL -> TRAINING_RUN.RECALL;
            case F1 -> TRAINING_RUN.F1_SCORE;
            case TRAINING_SECONDS -> TRAINING_RUN.TRAINING_DURATION_SECONDS;
            // Java's String order is code-point order: binary collation on both databases.
            case MODEL_VERSION -> target.isSqlite() ? TRAINING_RUN.MODEL_VERSION : TRAINING_RUN.MODEL_VERSION.collate("C");
        };
        boolean nullable = field != RunField.ID && field != RunField.STARTED_AT && field != RunField.MODEL_VERSION;
        SortField<?> primary = descending ? f.desc() : f.asc();
        if (nullable && (target.isSqlite() ? !descending : descending)) {
            primary = primary.nullsLast();
        }
        List<SortField<?>> order = new ArrayList<>();
        order.add(primary);
        if (field != RunField.ID) {
            order.add(descending ? TRAINING_RUN.ID.desc() : TRAINING_RUN.ID.asc());
        }
        return order;
    }

    /** The aliases and their history, kept in the same database and on the same connections as the runs. */
    @Override
    public ModelRegistry registry() {
        return registry;
    }

    /** The retraining locks and trigger history, kept in the same database and on the same connections as the runs. */
    @Override
    public RetrainLedger retraining() {
        return retraining;
    }

    @Override
    public String location() {
        return target.location();
    }

    /**
     * Interrupts the runs this handle started that are still RUNNING (their training can no longer
     * be recorded), then closes the connections. Waits for calls in flight; idempotent.
     */
    @Override
    public void close() {
        Lock exclusive = lifecycle.writeLock();
        exclusive.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            interruptRunsStartedHere();
        } finally {
            try {
                connections.close();
            } finally {
                exclusive.unlock();
            }
        }
    }

    private void interruptRunsStartedHere() {
        if (startedHere.isEmpty()) {
            return;
        }
        List<Long> ids = List.copyOf(startedHere);
        startedHere.clear();
        try {
            List<Long> moved = connections.run(conn -> DSL.using(conn, target.dialect(), settings)
                    .update(TRAINING_RUN)
                    .set(TRAINING_RUN.STATUS, RunStatus.INTERRUPTED.name())
                    .set(TRAINING_RUN.FINISHED_AT, Instant.now())
                    .set(TRAINING_RUN.ERROR_MESSAGE, CLOSED_WHILE_RUNNING)
                    .where(TRAINING_RUN.ID.in(ids), TRAINING_RUN.STATUS.eq(RunStatus.RUNNING.name()))
                    .returning(TRAINING_RUN.ID).fetch(TRAINING_RUN.ID));
            if (!moved.isEmpty()) {
                LOG.warn("run store {} closed while run(s) {} were RUNNING: marked INTERRUPTED", target.location(), moved);
            }
        } catch (RuntimeException e) {
            LOG.warn("run store {} closed while run(s) {} were RUNNING, and they could not be marked INTERRUPTED ({});"
                    + " they stay RUNNING until their heartbeat goes stale", target.location(), ids,
                    e instanceof DataAccessException ? connections.why(e) : e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "JooqRunRepository[" + target.location() + "]";
    }
}
