package dev.grove.registry;

import dev.grove.AliasConflictException;
import dev.grove.GroveException;
import dev.grove.InvalidRequestException;
import dev.grove.NotFoundException;
import dev.grove.artifact.LoadedModel;
import dev.grove.data.Dataset;
import dev.grove.eval.Evaluation;
import dev.grove.eval.Evaluator;
import dev.grove.internal.ModelArtifacts;
import dev.grove.internal.Scores;
import dev.grove.run.RunField;
import dev.grove.run.RunQuery;
import dev.grove.run.RunRepository;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import dev.grove.train.Predictions;
import dev.grove.train.TrainerRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model registry's rules over a store's {@link ModelRegistry}: named models, aliases that move
 * only to SUCCEEDED versions of their own model whose files check out, a promotion gate, rollback,
 * and a history of every move and refusal. Bad input (an unknown model or alias, a FAILED run, a
 * version of another model, a dataset that changed, a model file gone) is refused with one line and
 * changes nothing: no alias moves, no history row is written. Get one from
 * {@link dev.grove.Grove#models()}.
 */
public final class Models {
    private static final Logger LOG = LoggerFactory.getLogger(Models.class);

    private final RunRepository runs;
    private final TrainerRegistry trainers;
    private final Clock clock;

    public Models(RunRepository runs, TrainerRegistry trainers, Clock clock) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.trainers = Objects.requireNonNull(trainers, "trainers");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private ModelRegistry registry() {
        return runs.registry();
    }

    /** Every model with its runs and aliases, by name. */
    public List<ModelSummary> list() {
        List<ModelSummary> all = new ArrayList<>();
        for (String name : registry().modelNames()) {
            all.add(summary(name));
        }
        return all;
    }

    /** One model's runs (newest first) and aliases. */
    public ModelSummary show(String model) {
        requireModel(model);
        return summary(model);
    }

    private ModelSummary summary(String name) {
        return new ModelSummary(name, runs.list(RunQuery.all().withModelName(name)), registry().aliases(name));
    }

    /** The alias's current holder. */
    public Optional<Alias> alias(String model, String alias) {
        return registry().alias(ModelNames.requireName(model), ModelNames.requireAlias(alias));
    }

    /** A model's alias history, oldest first. */
    public List<AliasChange> history(String model) {
        requireModel(model);
        return registry().history(model);
    }

    /** The run a reference names: {@code NAME@ALIAS}, a version or a run id (see {@link ModelRef}). */
    public TrainingRun resolve(String reference) {
        ModelRef ref = ModelRef.parse(reference);
        return switch (ref.kind()) {
            case RUN_ID -> runs.findById(ref.runId()).orElseThrow(() -> new NotFoundException(
                    "no run with id " + ref.runId() + " in " + runs.location() + aliasHintForDigits(ref)));
            case VERSION -> runs.findByModelVersion(ref.version()).orElseThrow(() -> new NotFoundException(
                    "no run with model version '" + ref.version() + "' in " + runs.location()));
            case ALIAS -> {
                requireModel(ref.model());
                Alias a = registry().alias(ref.model(), ref.alias()).orElseThrow(() -> new NotFoundException(
                        "model " + ref.model() + " has no alias '" + ref.alias() + "'" + knownAliases(ref.model())));
                yield runs.findById(a.runId()).orElseThrow(() -> new GroveException("alias " + ref + " points at run "
                        + a.runId() + ", which the run store no longer has"));
            }
        };
    }

    /** Loads the model a reference names, its file checked against its sidecar and the store's SHA-256. */
    public LoadedModel load(String reference) {
        return ModelArtifacts.load(resolve(reference), trainers);
    }

    /** Points {@code alias} at {@code version} by hand (no gate), creating or moving it. */
    public AliasChange setAlias(String model, String alias, String version, String actor, String reason) {
        TrainingRun target = requirePromotable(model, alias, version);
        Optional<Alias> now = registry().alias(model, alias);
        if (now.isPresent() && now.get().version().equals(version)) {
            throw new InvalidRequestException(model + "@" + alias + " already points at " + version);
        }
        Optional<String> from = now.map(Alias::version);
        return registry().changeAlias(model, alias, from, Optional.of(target),
                change(model, alias, AliasAction.SET, from, Optional.of(version), actor, reason, Optional.empty()));
    }

    /** Removes an alias. */
    public AliasChange deleteAlias(String model, String alias, String actor, String reason) {
        Alias now = requireAlias(model, alias);
        return registry().changeAlias(model, alias, Optional.of(now.version()), Optional.empty(),
                change(model, alias, AliasAction.DELETE, Optional.of(now.version()), Optional.empty(), actor, reason,
                        Optional.empty()));
    }

    /**
     * Scores the challenger and the alias's holder on the challenger's held-out rows and moves the
     * alias only when the challenger wins by the margin (or when forced); a refusal is recorded with
     * both scores. A promotion that finds the alias moved meanwhile by someone else is recorded as
     * refused too, and moves nothing.
     */
    public PromotionOutcome promote(Promotion p) {
        TrainingRun challenger = requirePromotable(p.model(), p.alias(), p.version());
        Optional<Alias> now = registry().alias(p.model(), p.alias());
        if (now.isPresent() && now.get().version().equals(p.version())) {
            throw new InvalidRequestException(p.model() + "@" + p.alias() + " already points at " + p.version());
        }
        Optional<TrainingRun> champion = now.map(a -> runs.findById(a.runId()).orElseThrow(() -> new GroveException(
                "alias " + p.model() + "@" + p.alias() + " points at run " + a.runId() + ", which the store no longer has")));
        Optional<String> from = now.map(Alias::version);
        Optional<GateScores> scores;
        String unscored = "";
        String fairness = "";
        try {
            Scored scored = score(challenger, champion, p);
            scores = Optional.of(scored.scores());
            fairness = scored.note();
        } catch (GroveException e) {
            if (!p.force()) {
                throw e;
            }
            scores = Optional.empty();
            unscored = "not scored: " + e.getMessage();
        }
        boolean wins = scores.map(GateScores::challengerWins).orElse(false);
        AliasAction action = wins ? AliasAction.PROMOTE : p.force() ? AliasAction.FORCE : AliasAction.REFUSE;
        String reason = join(p.reason(), action == AliasAction.REFUSE
                ? "the gate refused it: the challenger does not beat the champion by the minimum gain"
                : action == AliasAction.FORCE ? join("forced", unscored) : "");
        reason = join(reason, fairness);
        AliasChange change = change(p.model(), p.alias(), action, from, Optional.of(p.version()), p.actor(), reason, scores);
        if (action == AliasAction.REFUSE) {
            return new PromotionOutcome(false, registry().recordRefusal(change));
        }
        try {
            return new PromotionOutcome(true, registry().changeAlias(p.model(), p.alias(), from, Optional.of(challenger),
                    change));
        } catch (AliasConflictException e) {
            String holder = registry().alias(p.model(), p.alias()).map(Alias::version).orElse("nothing");
            LOG.info("promotion of {} to {}@{} lost a race: {}", p.version(), p.model(), p.alias(), e.getMessage());
            return new PromotionOutcome(false, registry().recordRefusal(change(p.model(), p.alias(), AliasAction.REFUSE,
                    from, Optional.of(p.version()), p.actor(), join(p.reason(), "another change moved the alias meanwhile "
                            + "(from " + from.orElse("nothing") + " to " + holder + "); promote again to be gated against "
                            + holder), scores)));
        }
    }

    /**
     * Moves an alias back to the version it pointed at before its last move (a second rollback
     * goes forward again), after checking that version's model file still matches the store.
     */
    public AliasChange rollback(String model, String alias, String actor, String reason) {
        Alias now = requireAlias(model, alias);
        List<AliasChange> history = registry().history(model);
        AliasChange last = null;
        for (AliasChange c : history) {
            if (c.alias().equals(alias) && c.action() != AliasAction.REFUSE) {
                last = c;
            }
        }
        if (last == null || last.fromVersion().isEmpty() || !last.toVersion().equals(Optional.of(now.version()))) {
            throw new InvalidRequestException(model + "@" + alias + " has no earlier version to roll back to (it was "
                    + "first set to " + now.version() + "); set it by hand or delete it");
        }
        String previous = last.fromVersion().get();
        TrainingRun target = requirePromotable(model, alias, previous);
        return registry().changeAlias(model, alias, Optional.of(now.version()), Optional.of(target),
                change(model, alias, AliasAction.ROLLBACK, Optional.of(now.version()), Optional.of(previous), actor,
                        join(reason, "back to the version before " + now.version()), Optional.empty()));
    }

    /** True when both runs held out the very same rows: same data, seed and test split. */
    private static boolean sameSplit(TrainingRun a, TrainingRun b) {
        return a.spec().datasetSha256().equals(b.spec().datasetSha256()) && a.spec().randomState() == b.spec().randomState()
                && a.spec().testSplit() == b.spec().testSplit() && a.spec().labelColumn().equals(b.spec().labelColumn());
    }

    /** Gate scores, and what the history should say about how fair they are. */
    private record Scored(GateScores scores, String note) {
    }

    /**
     * Both models scored on the challenger's held-out rows with {@code metric}, leaving out the rows
     * the champion was trained on (kept beside its model), which would flatter it.
     */
    private Scored score(TrainingRun challenger, Optional<TrainingRun> champion, Promotion p) {
        RunField metric = p.metric();
        if (champion.isPresent() && !champion.get().spec().labelColumn().equals(challenger.spec().labelColumn())) {
            throw new InvalidRequestException("the alias's holder " + champion.get().modelVersion() + " predicts '"
                    + champion.get().spec().labelColumn() + "' but " + challenger.modelVersion() + " predicts '"
                    + challenger.spec().labelColumn() + "'; they cannot be compared");
        }
        Dataset all = HeldOutRows.of(challenger, p.sourceDb());
        Dataset heldOut = all;
        String note = "";
        if (champion.isPresent() && !sameSplit(champion.get(), challenger)) {
            Optional<int[]> unseen = ModelArtifacts.trainingRows(champion.get()).flatMap(r -> r.notIn(all));
            if (unseen.isEmpty()) {
                note = "the champion was trained on another split (seed, test split or data) and its training rows are "
                        + "not kept beside its model, so some of these held-out rows may have been among them, which "
                        + "favours it";
            } else if (unseen.get().length == 0) {
                note = "every held-out row matches a training row of " + champion.get().modelVersion() + " on its "
                        + "features and label, so none could be left out, which favours it";
            } else if (unseen.get().length < heldOut.size()) {
                note = (heldOut.size() - unseen.get().length) + " of the " + heldOut.size() + " held-out rows were "
                        + champion.get().modelVersion() + "'s training rows and were left out";
                heldOut = heldOut.select(unseen.get());
            }
        }
        double c = Scores.of(ModelArtifacts.load(challenger, trainers), heldOut, metric);
        OptionalDouble h = champion.isPresent()
                ? OptionalDouble.of(Scores.of(ModelArtifacts.load(champion.get(), trainers), heldOut, metric))
                : OptionalDouble.empty();
        return new Scored(new GateScores(metric.columnName(), c, h, p.minGain(), heldOut.size(),
                challenger.spec().datasetSha256()), note);
    }

    /**
     * The version a move may point at: a SUCCEEDED run of this model whose model file is there and
     * matches what the store recorded. Also refuses alias names that are model versions.
     */
    private TrainingRun requirePromotable(String model, String alias, String version) {
        requireModel(model);
        ModelNames.requireAlias(alias);
        if (runs.findByModelVersion(alias).isPresent()) {
            throw new InvalidRequestException("alias '" + alias + "' is also a model version; choose an alias that is "
                    + "not a version (e.g. production, champion)");
        }
        TrainingRun run = runs.findByModelVersion(version).orElseThrow(() -> new InvalidRequestException(
                "model " + model + " has no version '" + version + "'; see 'grove models show " + model + "'"));
        if (!run.spec().modelName().equals(model)) {
            throw new InvalidRequestException("version " + version + " belongs to model " + run.spec().modelName()
                    + ", not " + model);
        }
        if (run.status() != RunStatus.SUCCEEDED) {
            throw new InvalidRequestException("version " + version + " is " + run.status() + ", so it has no model to "
                    + "point an alias at; choose a SUCCEEDED version");
        }
        ModelArtifacts.load(run, trainers); // the file is there and is the one the store recorded
        return run;
    }

    private void requireModel(String model) {
        ModelNames.requireName(model);
        if (!registry().modelNames().contains(model)) {
            throw new NotFoundException("no model named '" + model + "' in " + runs.location()
                    + "; see 'grove models list'");
        }
    }

    private Alias requireAlias(String model, String alias) {
        requireModel(model);
        ModelNames.requireAlias(alias);
        return registry().alias(model, alias).orElseThrow(() -> new NotFoundException(
                "model " + model + " has no alias '" + alias + "'" + knownAliases(model)));
    }

    private String knownAliases(String model) {
        List<String> names = registry().aliases(model).stream().map(Alias::alias).toList();
        return names.isEmpty() ? " (it has none; point one at a version with 'grove models alias " + model
                + " production VERSION' or Models.setAlias)" : "; its aliases are: " + String.join(", ", names);
    }

    private String aliasHintForDigits(ModelRef ref) {
        return runs.findByModelVersion(Long.toString(ref.runId())).isPresent()
                ? "; a run has the model version '" + ref.runId() + "': name it version:" + ref.runId() : "";
    }

    private AliasChange change(String model, String alias, AliasAction action, Optional<String> from,
                               Optional<String> to, String actor, String reason, Optional<GateScores> gate) {
        return new AliasChange(0, model, alias, action, from, to, actor, clock.instant(), reason, gate);
    }

    private static String join(String a, String b) {
        return a.isBlank() ? b : b.isBlank() ? a : a + "; " + b;
    }
}
