package dev.grove.smile;

import dev.grove.GroveException;
import dev.grove.data.Dataset;
import dev.grove.train.FeatureEncoding;
import dev.grove.train.FitProgress;
import dev.grove.train.TrainedModel;
import dev.grove.train.Trainer;
import dev.grove.train.TrainingParams;
import dev.grove.train.WorkerFailure;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grove's {@code smile} trainer: a {@link RandomForest} from Smile (GPL-3). Each tree gets its own
 * seed derived from the random state, and the fit runs in a fork-join pool of exactly
 * {@code threads} workers made for the call, so the same seed gives the same forest, byte for
 * byte, on any thread count and in any JVM.
 */
public final class SmileTrainer implements Trainer {
    public static final String NAME = "smile";
    /** The Smile version this module is built and tested against. */
    static final String SMILE_VERSION = "3.1.1";

    private static final Logger LOG = LoggerFactory.getLogger(SmileTrainer.class);
    private static final long WORKER_CHECK_MS = 200;
    private static final long FAILED_POOL_WAIT_SECONDS = 10;
    /** Trees grown per worker before they are flattened; bounds how much of Smile's node graph is alive. */
    private static final int TREES_PER_WORKER_AT_ONCE = 10;
    /**
     * Below this many training rows × trees, Smile's whole node graph is a few tens of MB at most
     * and the forest is grown in one call: each part costs a pool and a column sort.
     */
    private static final long ONE_PART_ROW_TREES = 2_000_000;

    private final long onePartRowTrees;

    /** The trainer {@code ServiceLoader} finds. */
    public SmileTrainer() {
        this(ONE_PART_ROW_TREES);
    }

    /** @param onePartRowTrees up to this many training rows × trees, grow the forest in one call */
    SmileTrainer(long onePartRowTrees) {
        this.onePartRowTrees = onePartRowTrees;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        String v = RandomForest.class.getPackage().getImplementationVersion();
        return v != null ? v : SMILE_VERSION;
    }

    @Override
    public String description() {
        return "Smile " + version() + " random forest (GPL-3); extras: " + String.join(", ", SmileSettings.EXTRAS);
    }

    @Override
    public void validate(TrainingParams params) {
        SmileSettings.check(params);
    }

    @Override
    public TrainedModel fit(Dataset train, TrainingParams params, FitProgress progress) {
        FeatureEncoding encoding = FeatureEncoding.fit(train);
        SmileSettings s = SmileSettings.resolve(params, encoding.size(), train.size(), train.classes());
        DataFrame data = SmileFrames.training(train, encoding);
        Formula formula = Formula.lhs(train.labelName());
        long[] seeds = TreeSeeds.derive(s.randomState(), s.trees());
        LOG.debug("fitting smile random forest: {}", s);
        progress.update(0, "growing " + s.trees() + " trees on " + train.size() + " rows, " + s.threads() + " threads");
        // Smile's node graph takes several times the memory of the flat trees, so the forest is grown
        // a few trees per worker at a time and each part flattened at once: only one part's graph is
        // ever alive. Every tree depends on its own seed alone, so the parts make the same forest.
        FlatSmileForest.Builder forest = new FlatSmileForest.Builder(encoding.size(), train.classes().size());
        int part = (long) train.size() * s.trees() <= onePartRowTrees ? s.trees()
                : TREES_PER_WORKER_AT_ONCE * s.threads();
        for (int from = 0; from < seeds.length; from += part) {
            long[] partSeeds = Arrays.copyOfRange(seeds, from, Math.min(seeds.length, from + part));
            forest.add(growTrees(data, formula, s, partSeeds));
            progress.update((double) forest.trees() / seeds.length, "grew " + forest.trees() + " of " + seeds.length
                    + " trees");
        }
        return new SmileModel(forest.build(), train.classes(), encoding, s.toParams(train.classes()), version());
    }

    /** Smile's own forest, all at once, as one {@code RandomForest.fit} grows it (for tests and benchmarks). */
    RandomForest grow(Dataset train, FeatureEncoding encoding, SmileSettings s) {
        return growTrees(SmileFrames.training(train, encoding), Formula.lhs(train.labelName()), s,
                TreeSeeds.derive(s.randomState(), s.trees()));
    }

    /** One tree per seed, grown by Smile on {@code threads} workers. */
    private static RandomForest growTrees(DataFrame data, Formula formula, SmileSettings s, long[] seeds) {
        // Smile grows trees in a parallel stream; run inside our own pool so that stream uses exactly
        // `threads` workers and the caller's common pool is left alone.
        // A worker that runs out of memory while recording its task's failure dies without completing
        // the task, and fit.get() would wait forever: the pool's handler notes the death (without
        // allocating) and the wait below rethrows it.
        AtomicReference<Throwable> workerDied = new AtomicReference<>();
        ForkJoinPool pool = new ForkJoinPool(s.threads(), ForkJoinPool.defaultForkJoinWorkerThreadFactory,
                (thread, error) -> workerDied.compareAndSet(null, error), false);
        RandomForest forest;
        boolean fitted = false;
        try {
            Future<RandomForest> fit = pool.submit(() -> RandomForest.fit(formula, data, seeds.length, s.mtry(),
                    s.splitRule(), s.maxDepth(), s.maxNodes(), s.nodeSize(), s.subsample(), s.classWeight(),
                    Arrays.stream(seeds)));
            forest = await(fit, workerDied);
            fitted = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GroveException("training was interrupted", e);
        } catch (ExecutionException e) {
            throw WorkerFailure.unwrap(e, "smile could not fit the forest");
        } finally {
            pool.shutdownNow();
            if (!fitted) {
                // After a failure (out of memory, above all) let the other workers finish the trees they
                // are growing and drop them, so the caller has memory to record the failure.
                awaitQuietly(pool);
            }
        }
        return forest;
    }

    private static void awaitQuietly(ForkJoinPool pool) {
        try {
            pool.awaitTermination(FAILED_POOL_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RandomForest await(Future<RandomForest> fit, AtomicReference<Throwable> workerDied)
            throws InterruptedException, ExecutionException {
        while (true) {
            try {
                return fit.get(WORKER_CHECK_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                Throwable died = workerDied.get();
                if (died instanceof Error err) {
                    throw err;
                }
                if (died != null) {
                    throw new GroveException("a smile worker thread failed while growing trees: " + died, died);
                }
            }
        }
    }

    @Override
    public TrainedModel load(InputStream in) throws IOException {
        SmileModelFormat.Read read = SmileModelFormat.read(in);
        SmileModelHeader h = read.header();
        return new SmileModel(read.forest(), h.classes(), new FeatureEncoding(h.features()), Map.copyOf(h.params()),
                h.smileVersion());
    }
}
