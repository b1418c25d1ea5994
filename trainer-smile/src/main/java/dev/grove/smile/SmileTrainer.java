package dev.grove.smile;

import dev.grove.data.Dataset;
import dev.grove.train.CategoricalEncoding;
import dev.grove.train.FeatureEncoding;
import dev.grove.train.FitProgress;
import dev.grove.train.TrainedModel;
import dev.grove.train.Trainer;
import dev.grove.train.TrainingParams;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import smile.classification.RandomForest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grove's {@code smile} trainer: Smile's (GPL-3) random forest. The forest is the one Smile's
 * {@link RandomForest#fit} grows, tree for tree, grown by {@link SmileForestGrower} with Smile's
 * generator and impurity (and checked against Smile's own fit in the tests) but in Grove's arrays,
 * several times faster. Each tree gets its own seed derived from the random state, so the same
 * seed gives the same forest, byte for byte, on any thread count and in any JVM.
 */
public final class SmileTrainer implements Trainer {
    public static final String NAME = "smile";
    /** The Smile version this module is built against, and whose forest {@link SmileForestGrower} grows. */
    static final String SMILE_VERSION = "3.1.1";

    private static final Logger LOG = LoggerFactory.getLogger(SmileTrainer.class);

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The Smile version whose forest is grown, and that Grove's own grower grows it (the trees are
     * Smile's, split for split, but the code that grows them is Grove's): e.g.
     * {@code 3.1.1 (Grove 0.1.0 grower)}.
     */
    @Override
    public String version() {
        return smileVersion() + " (Grove " + dev.grove.Grove.version() + " grower)";
    }

    /** The smile-core on the class path. */
    static String smileVersion() {
        String v = RandomForest.class.getPackage().getImplementationVersion();
        return v != null ? v : SMILE_VERSION;
    }

    @Override
    public String description() {
        return "Smile " + smileVersion() + "'s random forest (GPL-3), grown split for split by Grove's own grower; "
                + "extras: " + String.join(", ", SmileSettings.EXTRAS);
    }

    @Override
    public void validate(TrainingParams params) {
        SmileSettings.check(params);
    }

    @Override
    public void validate(TrainingParams params, Dataset train) {
        SmileSettings.resolve(params, train.features().columns().size(), train.size(), train.classes());
    }

    @Override
    public TrainedModel fit(Dataset train, TrainingParams params, FitProgress progress) {
        FeatureEncoding encoding = FeatureEncoding.fit(train, params);
        SmileSettings s = SmileSettings.resolve(params, encoding.size(), train.size(), train.classes());
        CartData data = CartData.of(train, encoding, s.maxBins());
        if (!SMILE_VERSION.equals(smileVersion())) {
            LOG.warn("smile-core {} is on the class path; Grove grows Smile {}'s forest, which other versions may "
                    + "not match split for split", smileVersion(), SMILE_VERSION);
        }
        LOG.debug("fitting smile random forest: {}", s);
        progress.update(0, "growing " + s.trees() + " trees on " + train.size() + " rows, " + s.threads() + " threads");
        FlatSmileForest forest = SmileForestGrower.grow(data, s, TreeSeeds.derive(s.randomState(), s.trees()), progress);
        Map<String, Object> recorded = s.toParams(train.classes());
        CategoricalEncoding.record(recorded, CategoricalEncoding.asked(params), encoding);
        return new SmileModel(forest, train.classes(), encoding, recorded, smileVersion());
    }

    @Override
    public TrainedModel load(InputStream in) throws IOException {
        SmileModelFormat.Read read = SmileModelFormat.read(in);
        SmileModelHeader h = read.header();
        return new SmileModel(read.forest(), h.classes(), new FeatureEncoding(h.features()), Map.copyOf(h.params()),
                h.smileVersion());
    }
}
