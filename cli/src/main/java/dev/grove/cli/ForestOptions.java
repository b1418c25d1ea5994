package dev.grove.cli;

import dev.grove.TrainingRequest;
import dev.grove.train.CategoricalEncoding;
import dev.grove.train.TrainingParams;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The trainer and the forest's settings; each default is {@code train}'s, and for {@code retrain}
 * the alias holder's ({@value #HOLDER}). {@code train} applies them over the defaults,
 * {@code retrain} over the alias holder's recorded settings: only the options given change anything.
 */
final class ForestOptions {
    static final String HOLDER = " (retrain: the alias holder's)";

    @Option(names = "--trainer", paramLabel = "NAME",
            description = "Trainer (see 'grove trainers'). Default: smile when present, else the only one" + HOLDER + ".")
    String trainer;

    @Option(names = "--test-split", paramLabel = "FRACTION",
            description = "Share of each class held out for scoring. Default: " + TrainingRequest.DEFAULT_TEST_SPLIT + HOLDER + ".")
    Double testSplit;

    @Option(names = "--n-estimators", paramLabel = "N", description = "Trees. Default: "
            + TrainingParams.DEFAULT_N_ESTIMATORS + HOLDER + ".")
    Integer nEstimators;

    @Option(names = "--random-state", paramLabel = "SEED", description = "Seed of the split and the forest. Default: "
            + TrainingParams.DEFAULT_RANDOM_STATE + HOLDER + ".")
    Long randomState;

    @Option(names = "--max-depth", paramLabel = "N", description = "Deepest tree level. Default: unlimited" + HOLDER + ".")
    Integer maxDepth;

    @Option(names = "--min-leaf", paramLabel = "N", description = "Fewest training rows per leaf. Default: 1" + HOLDER + ".")
    Integer minLeaf;

    @Option(names = "--mtry", paramLabel = "N", description = "Features tried per split. Default: floor(sqrt(features))" + HOLDER + ".")
    Integer mtry;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads; results do not depend on it. Default: all cores" + HOLDER + ".")
    Integer threads;

    @Option(names = "--categorical-encoding", paramLabel = "levels|ordered|auto",
            description = "Categorical columns as level codes each trainer splits its way (levels), as one input "
                    + "ranked by the levels' class distribution on the training rows (ordered), or ordered above "
                    + CategoricalEncoding.AUTO_THRESHOLD + " levels only (auto). Default: auto" + HOLDER + ".")
    String categoricalEncoding;

    @Option(names = {"-P", "--param"}, paramLabel = "KEY=VALUE",
            description = "Trainer-specific setting, e.g. -P max-bins=64; for retrain, added to the holder's.")
    List<String> extras = List.of();

    /**
     * {@code base} with the options given. A different trainer does not inherit the base's
     * trainer-specific settings, which it would refuse.
     */
    TrainingRequest applyTo(TrainingRequest base, CommandSpec spec) {
        TrainingRequest r = base;
        TrainingParams p = base.params();
        if (trainer != null && !Optional.of(trainer).equals(base.trainer())) {
            r = r.withTrainer(trainer);
            // the shared categorical encoding stays: it means the same on every trainer
            String shared = p.extras().get(CategoricalEncoding.KEY);
            p = new TrainingParams(p.nEstimators(), p.randomState(), p.maxDepth(), p.minLeaf(), p.featuresPerSplit(),
                    p.threads(), shared == null ? Map.of() : Map.of(CategoricalEncoding.KEY, shared));
        }
        if (categoricalEncoding != null) {
            p = p.withExtra(CategoricalEncoding.KEY, CategoricalEncoding.parse(categoricalEncoding).value());
        }
        if (nEstimators != null) {
            p = p.withNEstimators(nEstimators);
        }
        if (randomState != null) {
            p = p.withRandomState(randomState);
        }
        if (maxDepth != null) {
            p = p.withMaxDepth(maxDepth);
        }
        if (minLeaf != null) {
            p = p.withMinLeaf(minLeaf);
        }
        if (mtry != null) {
            p = p.withFeaturesPerSplit(mtry);
        }
        if (threads != null) {
            p = p.withThreads(threads);
        }
        r = r.withParams(p.withExtras(ParamOption.parse(extras, spec)));
        return testSplit != null ? r.withTestSplit(testSplit) : r;
    }
}
