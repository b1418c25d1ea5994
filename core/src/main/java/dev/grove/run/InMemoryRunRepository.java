package dev.grove.run;

import dev.grove.DuplicateModelVersionException;
import dev.grove.AliasConflictException;
import dev.grove.RunStoreException;
import dev.grove.registry.Alias;
import dev.grove.registry.AliasChange;
import dev.grove.registry.ModelRegistry;
import dev.grove.internal.RunOrdering;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/** Runs (and the registry's aliases) kept in memory for the life of the object: for tests and throwaway embedding. */
public final class InMemoryRunRepository implements RunRepository, ModelRegistry, dev.grove.retrain.RetrainLedger {
    private final List<TrainingRun> runs = new ArrayList<>();
    private final java.util.Map<String, Alias> aliases = new java.util.TreeMap<>();
    private final List<AliasChange> history = new ArrayList<>();
    private final java.util.Map<String, String> lockHolders = new java.util.HashMap<>();
    private final java.util.Map<String, Instant> lockBeats = new java.util.HashMap<>();
    private final List<dev.grove.retrain.TriggerEvaluation> evaluations = new ArrayList<>();
    private final Set<Long> startedHere = new LinkedHashSet<>();
    private boolean closed;

    @Override
    public synchronized TrainingRun start(RunSpec spec) {
        requireOpen();
        if (findByModelVersion(spec.modelVersion()).isPresent()) {
            throw new DuplicateModelVersionException(spec.modelVersion());
        }
        TrainingRun run = new TrainingRun(runs.size() + 1, RunStatus.RUNNING, spec, spec.startedAt(), Optional.empty(),
                Optional.empty(), Optional.empty());
        runs.add(run);
        startedHere.add(run.id());
        return run;
    }

    @Override
    public synchronized TrainingRun succeed(long id, RunOutcome outcome, Instant finishedAt) {
        return finish(id, RunStatus.SUCCEEDED, finishedAt, Optional.of(outcome), Optional.empty());
    }

    @Override
    public synchronized TrainingRun fail(long id, String error, Instant finishedAt) {
        return finish(id, RunStatus.FAILED, finishedAt, Optional.empty(), Optional.of(error));
    }

    @Override
    public synchronized TrainingRun interrupt(long id, String reason, Instant finishedAt) {
        return finish(id, RunStatus.INTERRUPTED, finishedAt, Optional.empty(), Optional.of(reason));
    }

    @Override
    public synchronized boolean heartbeat(long id, Instant at) {
        requireOpen();
        TrainingRun run = findById(id).orElse(null);
        if (run == null || run.status() != RunStatus.RUNNING) {
            return false;
        }
        runs.set((int) id - 1, new TrainingRun(id, run.status(), run.spec(), at, run.finishedAt(), run.outcome(),
                run.error()));
        return true;
    }

    @Override
    public synchronized Optional<TrainingRun> interruptIfStale(long id, Instant staleBefore, String reason, Instant at) {
        requireOpen();
        Optional<TrainingRun> run = findById(id);
        if (run.isEmpty() || run.get().status() != RunStatus.RUNNING || !run.get().heartbeatAt().isBefore(staleBefore)) {
            return Optional.empty();
        }
        return Optional.of(interrupt(id, reason, at));
    }

    private TrainingRun finish(long id, RunStatus status, Instant at, Optional<RunOutcome> outcome, Optional<String> error) {
        requireOpen();
        TrainingRun run = findById(id).orElseThrow(() -> new RunStoreException("no run with id " + id));
        if (run.status() != RunStatus.RUNNING) {
            throw new RunStoreException("run " + id + " is " + run.status() + ", not RUNNING; a finished run is never rewritten");
        }
        TrainingRun done = new TrainingRun(id, status, run.spec(), run.heartbeatAt(), Optional.of(at), outcome, error);
        runs.set((int) id - 1, done);
        startedHere.remove(id);
        return done;
    }

    @Override
    public synchronized Optional<TrainingRun> findById(long id) {
        requireOpen();
        return id >= 1 && id <= runs.size() ? Optional.of(runs.get((int) id - 1)) : Optional.empty();
    }

    @Override
    public synchronized Optional<TrainingRun> findByUuid(UUID uuid) {
        requireOpen();
        return runs.stream().filter(r -> r.spec().uuid().equals(uuid)).findFirst();
    }

    @Override
    public synchronized Optional<TrainingRun> findByModelVersion(String modelVersion) {
        requireOpen();
        return runs.stream().filter(r -> r.modelVersion().equals(modelVersion)).findFirst();
    }

    @Override
    public synchronized List<TrainingRun> list(RunQuery q) {
        requireOpen();
        Predicate<TrainingRun> p = r -> q.status().map(s -> r.status() == s).orElse(true)
                && q.modelName().map(n -> r.spec().modelName().equals(n)).orElse(true)
                && q.trainer().map(t -> r.spec().trainerName().equals(t)).orElse(true)
                && q.versionPattern().map(v -> RunQuery.matchesPattern(v, r.modelVersion())).orElse(true)
                && q.datasetSha256().map(h -> r.spec().datasetSha256().equals(h)).orElse(true)
                && q.from().map(f -> !r.spec().startedAt().isBefore(f)).orElse(true)
                && q.to().map(t -> r.spec().startedAt().isBefore(t)).orElse(true);
        Comparator<TrainingRun> order = RunOrdering.comparator(q.orderBy(), q.descending());
        return runs.stream().filter(p).sorted(order).skip(q.offset()).limit(q.limit()).toList();
    }

    @Override
    public ModelRegistry registry() {
        return this;
    }

    @Override
    public synchronized List<String> modelNames() {
        requireOpen();
        return runs.stream().map(r -> r.spec().modelName()).distinct().sorted().toList();
    }

    @Override
    public synchronized List<Alias> aliases(String model) {
        requireOpen();
        return aliases.values().stream().filter(a -> a.model().equals(model)).toList();
    }

    @Override
    public synchronized Optional<Alias> alias(String model, String alias) {
        requireOpen();
        return Optional.ofNullable(aliases.get(model + "@" + alias));
    }

    @Override
    public synchronized AliasChange changeAlias(String model, String alias, Optional<String> expectedFrom,
                                                Optional<TrainingRun> to, AliasChange change) {
        requireOpen();
        dev.grove.registry.AliasMoves.requireConsistent(model, alias, expectedFrom, to, change);
        Optional<String> now = alias(model, alias).map(Alias::version);
        if (!now.equals(expectedFrom)) {
            throw new AliasConflictException("alias " + model + "@" + alias + " points at "
                    + now.orElse("nothing") + " now, not at " + expectedFrom.orElse("nothing") + ": it moved meanwhile");
        }
        if (to.isPresent()) {
            aliases.put(model + "@" + alias, new Alias(model, alias, to.get().modelVersion(), to.get().id(), change.at(),
                    change.actor()));
        } else {
            aliases.remove(model + "@" + alias);
        }
        return append(change);
    }

    @Override
    public synchronized AliasChange recordRefusal(AliasChange change) {
        requireOpen();
        dev.grove.registry.AliasMoves.requireRefusal(change);
        return append(change);
    }

    private AliasChange append(AliasChange change) {
        AliasChange recorded = change.withId(history.size() + 1);
        history.add(recorded);
        return recorded;
    }

    @Override
    public synchronized List<AliasChange> history(String model) {
        requireOpen();
        return history.stream().filter(c -> c.model().equals(model)).toList();
    }

    @Override
    public dev.grove.retrain.RetrainLedger retraining() {
        return this;
    }

    @Override
    public synchronized boolean tryLock(String model, String holder, Instant now, Instant staleBefore) {
        requireOpen();
        String current = lockHolders.get(model);
        if (current != null && !current.equals(holder) && !lockBeats.get(model).isBefore(staleBefore)) {
            return false;
        }
        lockHolders.put(model, holder);
        lockBeats.put(model, now);
        return true;
    }

    @Override
    public synchronized boolean refreshLock(String model, String holder, Instant now) {
        requireOpen();
        if (!holder.equals(lockHolders.get(model))) {
            return false;
        }
        lockBeats.put(model, now);
        return true;
    }

    @Override
    public synchronized void unlock(String model, String holder) {
        requireOpen();
        if (holder.equals(lockHolders.get(model))) {
            lockHolders.remove(model);
            lockBeats.remove(model);
        }
    }

    @Override
    public synchronized dev.grove.retrain.TriggerEvaluation record(dev.grove.retrain.TriggerEvaluation e) {
        requireOpen();
        dev.grove.retrain.TriggerEvaluation recorded = e.withId(evaluations.size() + 1);
        evaluations.add(recorded);
        return recorded;
    }

    @Override
    public synchronized List<dev.grove.retrain.TriggerEvaluation> evaluations(String model) {
        requireOpen();
        return evaluations.stream().filter(e -> e.model().equals(model)).toList();
    }

    @Override
    public String location() {
        return "memory";
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        Instant now = Instant.now();
        for (long id : List.copyOf(startedHere)) {
            interrupt(id, CLOSED_WHILE_RUNNING, now);
        }
        closed = true;
    }

    private void requireOpen() {
        if (closed) {
            throw new dev.grove.RunStoreClosedException("memory");
        }
    }
}
