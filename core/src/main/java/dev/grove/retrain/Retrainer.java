package dev.grove.retrain;

import dev.grove.Grove;
import dev.grove.GroveException;
import dev.grove.InvalidRequestException;
import dev.grove.TrainingRequest;
import dev.grove.TrainingResult;
import dev.grove.data.DataInput;
import dev.grove.data.Dataset;
import dev.grove.data.ReferenceProfile;
import dev.grove.internal.PortableStratifiedSplit;
import dev.grove.internal.ModelArtifacts;
import dev.grove.internal.RecordedInput;
import dev.grove.internal.Scores;
import dev.grove.registry.Models;
import dev.grove.registry.Promotion;
import dev.grove.registry.PromotionOutcome;
import dev.grove.run.RunHost;
import dev.grove.run.TrainingRun;
import dev.grove.train.TrainingParams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a model needs retraining, retrains it, and hands the challenger to the
 * promotion gate — once per call, recording every evaluation (trained, unchanged, skipped, failed)
 * in the model's trigger history. One retraining per model runs at a time across processes and
 * hosts (a lock in the store); an evaluation that finds it taken is recorded as skipped.
 *
 * <p>The triggers compare the newest data (the alias holder's dataset file or query, read again)
 * with what the holder was trained on: its fingerprint (new data), its feature distributions
 * (drift), the holder's score on it (metric floor); and the time since the last retraining
 * (schedule).
 */
public final class Retrainer {
    private static final Logger LOG = LoggerFactory.getLogger(Retrainer.class);
    /** A retraining lock not refreshed for this long belongs to a dead process and may be taken over. */
    static final Duration LOCK_STALE_AFTER = Duration.ofMinutes(2);

    private final Grove grove;
    private final Clock clock;

    public Retrainer(Grove grove, Clock clock) {
        this.grove = grove;
        this.clock = clock;
    }

    /**
     * Evaluates the triggers of {@code model}'s {@code policy.alias()} holder and, when one fires,
     * trains a challenger and gates it.
     *
     * @return the evaluation as recorded
     * @throws dev.grove.NotFoundException when the model or its alias does not exist (nothing is recorded)
     * @throws GroveException when the evaluation failed (it is recorded FAILED first)
     */
    public TriggerEvaluation check(String model, RetrainPolicy policy) {
        grove.models().resolve(model + "@" + policy.alias()); // a typo is refused, not recorded
        RetrainLedger ledger = grove.runs().retraining();
        String holder = RunHost.current().host() + " pid " + ProcessHandle.current().pid() + " " + UUID.randomUUID();
        Instant now = clock.instant();
        if (!ledger.tryLock(model, holder, now, now.minus(LOCK_STALE_AFTER))) {
            return ledger.record(evaluation(model, policy, RetrainOutcome.SKIPPED, List.of(),
                    List.of("another retraining of " + model + " is in progress; this evaluation did nothing"),
                    Map.of(), OptionalLong.empty(), Optional.empty(), Optional.empty()));
        }
        ScheduledExecutorService keepAlive = keepLock(ledger, model, holder);
        try {
            return ledger.record(evaluate(model, policy));
        } catch (RuntimeException e) {
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            ledger.record(evaluation(model, policy, RetrainOutcome.FAILED, List.of(), List.of(), Map.of(),
                    OptionalLong.empty(), Optional.empty(), Optional.of(why)));
            throw e;
        } finally {
            keepAlive.shutdownNow();
            ledger.unlock(model, holder);
        }
    }

    private TriggerEvaluation evaluate(String model, RetrainPolicy policy) {
        Models models = grove.models();
        TrainingRun holder = models.resolve(model + "@" + policy.alias());
        DataInput input = inputOf(holder, policy.sourceDb());
        Dataset data = input.read();
        List<String> fired = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("holder", holder.modelVersion());

        String sha = data.source().sha256();
        measured.put("dataset_sha256", sha);
        boolean changed = !sha.equalsIgnoreCase(holder.spec().datasetSha256());
        // A challenger already trained on these very rows for this alias lost (or was rolled back): not new.
        // Training is deterministic, so retraining on them would only give the same model again.
        Optional<TriggerEvaluation> tried = changed ? grove.runs().retraining().evaluations(model).stream()
                .filter(e -> e.outcome() == RetrainOutcome.TRAINED && e.alias().equals(policy.alias())
                        && sha.equals(e.measurements().get("dataset_sha256")))
                .reduce((a, b) -> b) : Optional.empty();
        if (policy.onNewData()) {
            if (!changed) {
                reasons.add("new data: none (fingerprint " + abbreviate(sha) + " is the one " + holder.modelVersion()
                        + " was trained on)");
            } else if (tried.isPresent()) {
                reasons.add("new data: none since evaluation " + tried.get().id() + " trained a challenger on these rows "
                        + "(fingerprint " + abbreviate(sha) + "), which the gate did not keep");
            } else {
                reasons.add("new data: fingerprint " + abbreviate(sha) + " differs from " + holder.modelVersion() + "'s "
                        + abbreviate(holder.spec().datasetSha256()));
                fired.add("new-data");
            }
        }
        schedule(model, policy, holder, fired, reasons, measured);
        policy.drift().ifPresent(rule -> drift(rule, holder, data, fired, reasons, measured));
        policy.floor().ifPresent(floor -> floor(floor, holder, data, fired, reasons, measured));

        if (!fired.isEmpty() && tried.isPresent()) {
            reasons.add("not retrained: evaluation " + tried.get().id() + " already trained a challenger on these rows, "
                    + "which the gate did not keep, and the same rows and settings give the same model");
        }
        if (fired.isEmpty() || tried.isPresent()) {
            LOG.info("{}@{}: not retrained ({})", model, policy.alias(), fired.isEmpty() ? "no trigger fired" : "rows tried");
            return evaluation(model, policy, RetrainOutcome.UNCHANGED, fired, reasons, measured, OptionalLong.empty(),
                    Optional.empty(), Optional.empty());
        }
        TrainingRequest request = policy.overrides().apply(TrainingRequest.of(input)
                .withTrainer(holder.spec().trainerName())
                .withParams(TrainingParams.fromMap(holder.spec().params()))
                .withTestSplit(holder.spec().testSplit())
                .withModelName(model)
                .withNotes("retrained: " + String.join(", ", fired))
                .withTrainedBy(policy.actor()));
        TrainingResult challenger = grove.train(request);
        measured.put("dataset_sha256", challenger.run().spec().datasetSha256()); // what was trained on, if it moved
        Promotion promotion = Promotion.of(model, challenger.modelVersion(), policy.alias())
                .withMetric(policy.gateMetric()).withMinGain(policy.minGain())
                .by(policy.actor(), "retrained: " + String.join(", ", fired));
        PromotionOutcome gated = models.promote(policy.sourceDb().map(promotion::withSourceDb).orElse(promotion));
        reasons.add("gate: " + gated.summary());
        LOG.info("{}@{}: retrained ({}) as {}: {}", model, policy.alias(), fired, challenger.modelVersion(),
                gated.summary());
        return evaluation(model, policy, RetrainOutcome.TRAINED, fired, reasons, measured,
                OptionalLong.of(challenger.runId()), Optional.of(gated.moved()), Optional.empty());
    }

    private void schedule(String model, RetrainPolicy policy, TrainingRun holder, List<String> fired, List<String> reasons,
                          Map<String, Object> measured) {
        if (policy.every().isEmpty() && policy.cron().isEmpty()) {
            return;
        }
        Instant last = grove.runs().retraining().evaluations(model).stream()
                .filter(e -> e.outcome() == RetrainOutcome.TRAINED).map(TriggerEvaluation::at)
                .reduce((a, b) -> b).orElse(holder.spec().startedAt());
        if (last.isBefore(holder.spec().startedAt())) {
            last = holder.spec().startedAt();
        }
        Instant now = clock.instant();
        measured.put("last_training", last.toString());
        if (policy.every().isPresent()) {
            Duration every = policy.every().get();
            boolean due = !now.isBefore(last.plus(every));
            reasons.add("schedule: last training " + last + (due ? ", at least " : ", less than ") + every + " ago");
            if (due) {
                fired.add("schedule");
                return;
            }
        }
        if (policy.cron().isPresent()) {
            Optional<Instant> next = CronSchedule.parse(policy.cron().get()).next(last);
            boolean due = next.isPresent() && !next.get().isAfter(now);
            reasons.add("schedule: '" + policy.cron().get() + "' " + (due ? "came round at " + next.get()
                    : "comes round next at " + next.map(Instant::toString).orElse("never")) + " since the last training");
            if (due && !fired.contains("schedule")) {
                fired.add("schedule");
            }
        }
    }

    private static void drift(DriftRule rule, TrainingRun holder, Dataset data, List<String> fired, List<String> reasons,
                              Map<String, Object> measured) {
        Optional<ReferenceProfile> profile = holder.spec().referenceProfile();
        if (profile.isEmpty()) {
            reasons.add("drift: " + holder.modelVersion() + " keeps no reference profile (trained by an older Grove); "
                    + "retrain it once to start checking drift");
            return;
        }
        DriftAssessment d = rule.assess(profile.get(), data.features());
        measured.put("psi", d.psi());
        measured.put("psi_sampling_noise", d.noise());
        measured.put("drifted_share", d.share());
        reasons.add("drift: " + d.drifted().size() + " of " + d.psi().size() + " features moved (PSI beyond sampling "
                + "noise > " + rule.psi() + ": " + (d.drifted().isEmpty() ? "" : String.join(", ", d.drifted()) + ", ")
                + String.format(Locale.ROOT, "%.0f%%, threshold %.0f%%)", 100 * d.share(), 100 * rule.share())
                + (d.missing().isEmpty() ? "" : "; the data lacks " + String.join(", ", d.missing())));
        if (d.fired()) {
            fired.add("drift");
        }
    }

    /**
     * Scores the holder on the newest rows it was not trained on (its training rows are kept beside
     * its model); for a model from an older Grove, on the newest data's held-out split with its seed,
     * where grown data may hold some of its training rows, which flatters it.
     */
    private void floor(MetricFloor floor, TrainingRun holder, Dataset data, List<String> fired, List<String> reasons,
                       Map<String, Object> measured) {
        Optional<int[]> unseen = ModelArtifacts.trainingRows(holder).flatMap(r -> r.notIn(data));
        int[] rows = unseen.orElseGet(() -> PortableStratifiedSplit.split(data.labels(), data.classes().size(),
                holder.spec().testSplit(), holder.spec().randomState()).test());
        String which = unseen.isPresent() ? " rows of the newest data it was not trained on"
                : " held-out rows of the newest data (its training rows are not kept, so some may be among them)";
        if (rows.length == 0) {
            reasons.add("metric: the newest data has no rows " + holder.modelVersion() + " was not trained on; not checked");
            return;
        }
        double score = Scores.of(grove.loadModel("id:" + holder.id()), data.select(rows), floor.metric());
        String metric = floor.metric().columnName();
        measured.put("holder_" + metric, score);
        boolean below = score < floor.min();
        reasons.add("metric: " + holder.modelVersion() + " scores " + String.format(Locale.ROOT, "%.4f", score) + " "
                + metric + " on " + rows.length + which + ", " + (below ? "below" : "at or above") + " the floor "
                + floor.min());
        if (below) {
            fired.add("metric");
        }
    }

    /** The holder's rows, read again the way they were read: its file with its options, or its query. */
    private static DataInput inputOf(TrainingRun holder, Optional<String> sourceDb) {
        return RecordedInput.of(holder.spec(), sourceDb).orElseThrow(() -> new InvalidRequestException(
                holder.modelVersion() + " was trained on " + RecordedInput.unreadable(holder.spec()) + "; "
                        + RecordedInput.howToRetrain(holder.spec())));
    }

    private ScheduledExecutorService keepLock(RetrainLedger ledger, String model, String holder) {
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "grove-retrain-lock-" + model);
            th.setDaemon(true);
            return th;
        });
        long every = LOCK_STALE_AFTER.dividedBy(6).toMillis();
        t.scheduleWithFixedDelay(() -> {
            try {
                ledger.refreshLock(model, holder, clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("could not refresh the retraining lock of {}: {}", model, e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return t;
    }

    private TriggerEvaluation evaluation(String model, RetrainPolicy policy, RetrainOutcome outcome, List<String> fired,
                                         List<String> reasons, Map<String, Object> measured, OptionalLong challenger,
                                         Optional<Boolean> promoted, Optional<String> error) {
        return new TriggerEvaluation(0, model, policy.alias(), clock.instant(), outcome, fired, reasons, measured,
                challenger, promoted, policy.actor(), error);
    }

    private static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) + "…" : sha;
    }
}
