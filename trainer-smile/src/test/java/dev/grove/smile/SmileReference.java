package dev.grove.smile;

import dev.grove.GroveException;
import dev.grove.data.Dataset;
import dev.grove.train.FeatureEncoding;
import dev.grove.internal.forest.WorkerFailure;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;

/** Smile's own {@code RandomForest.fit} on the rows, settings and seeds Grove's trainer uses: the reference. */
final class SmileReference {
    private SmileReference() {
    }

    static RandomForest fit(Dataset train, FeatureEncoding encoding, SmileSettings s) {
        DataFrame data = SmileFrames.training(train, encoding);
        long[] seeds = TreeSeeds.derive(s.randomState(), s.trees());
        // Smile grows trees in a parallel stream: inside a pool of `threads` workers, not the common pool
        ForkJoinPool pool = new ForkJoinPool(s.threads());
        try {
            return pool.submit(() -> RandomForest.fit(Formula.lhs(train.labelName()), data, seeds.length, s.mtry(),
                    s.splitRule(), s.maxDepth(), s.maxNodes(), s.nodeSize(), s.subsample(), s.classWeight(),
                    Arrays.stream(seeds))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GroveException("training was interrupted", e);
        } catch (ExecutionException e) {
            throw WorkerFailure.unwrap(e, "smile could not fit the forest");
        } finally {
            pool.shutdownNow();
        }
    }

    static FlatSmileForest flat(Dataset train, FeatureEncoding encoding, SmileSettings s) {
        return FlatSmileForest.of(fit(train, encoding, s), encoding.size());
    }
}
