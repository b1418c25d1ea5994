package dev.grove.smile;

import dev.grove.train.FitProgress;
import dev.grove.internal.forest.WorkerFailure;
import dev.grove.internal.forest.Workers;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import smile.math.MathEx;

/**
 * Grows a forest the way Smile 3.1.1's {@code RandomForest.fit} does, tree for tree: each tree
 * reseeds Smile's thread-local generator with its own seed, draws its bootstrap per class, is grown
 * by {@link SmileCart} and weighed by its accuracy on the rows it did not draw. Trees are grown on
 * {@code threads} workers of a pool made for the call; since each depends on its seed alone, the
 * forest is the same on any number of threads.
 */
final class SmileForestGrower {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private SmileForestGrower() {
    }

    static FlatSmileForest grow(CartData data, SmileSettings s, long[] seeds, FitProgress progress) {
        FlatSmileTree[] trees = new FlatSmileTree[seeds.length];
        double[] weights = new double[seeds.length];
        // each worker holds row-sized scratch for every column, and the work is CPU-bound: no more workers than cores
        int cores = Runtime.getRuntime().availableProcessors();
        int workers = Math.max(1, Math.min(Math.min(s.threads(), cores), seeds.length));
        // one SmileCart (with its row-sized scratch) per worker thread, dropped with the pool
        ThreadLocal<SmileCart> carts = ThreadLocal.withInitial(() -> new SmileCart(data, s));
        int pool = POOLS.incrementAndGet();
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "grove-smile-" + pool + "-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<Integer> done = new ExecutorCompletionService<>(executor);
            for (int t = 0; t < seeds.length; t++) {
                int index = t;
                done.submit(() -> {
                    int[] samples = bootstrap(data, s, seeds[index]);
                    FlatSmileTree tree = FlatSmileTree.of(carts.get().grow(samples), data.classes());
                    double weight = outOfBagAccuracy(tree, data, samples);
                    synchronized (trees) {
                        trees[index] = tree;
                        weights[index] = weight;
                    }
                    return index;
                });
            }
            for (int finished = 1; finished <= seeds.length; finished++) {
                done.take().get();
                progress.update((double) finished / seeds.length, "grew " + finished + " of " + seeds.length + " trees");
            }
        } catch (InterruptedException e) {
            throw Workers.interrupted("smile training", e);
        } catch (ExecutionException e) {
            throw WorkerFailure.unwrap(e, "smile could not fit the forest");
        } finally {
            // Also after a failure (out of memory, above all): the workers stop at their next node and exit,
            // dropping their scratch, so the caller has memory to record the failure.
            Workers.stop(executor);
        }
        synchronized (trees) {
            return FlatSmileForest.of(List.of(trees), unmeasuredAsMean(weights), data.features(), data.classes());
        }
    }


    /**
     * How often each row is drawn for one tree, as Smile draws it: seed the generator, then per class
     * {@code rows / classWeight} draws with replacement (or, below a subsample of 1, that fraction of
     * a permutation, without).
     */
    static int[] bootstrap(CartData data, SmileSettings s, long seed) {
        MathEx.setSeed(seed); // every seed is > 1, which is when Smile reseeds (TreeSeeds)
        int[] samples = new int[data.rows()];
        int[][] rowsOf = data.rowsOf();
        int[] classWeight = s.classWeight();
        for (int c = 0; c < rowsOf.length; c++) {
            int[] rows = rowsOf[c];
            if (s.subsample() == 1.0) {
                int draws = rows.length / classWeight[c];
                for (int d = 0; d < draws; d++) {
                    samples[rows[MathEx.randomInt(rows.length)]]++;
                }
            } else {
                int draws = (int) Math.round(s.subsample() * rows.length / classWeight[c]);
                int[] permutation = MathEx.permutate(rows.length);
                for (int d = 0; d < draws; d++) {
                    samples[rows[permutation[d]]]++;
                }
            }
        }
        return samples;
    }

    /**
     * Deviation from Smile 3.1.1: a tree whose bootstrap drew every row has no out-of-bag rows, and
     * Smile gives it the weight 0/0 = NaN, which turns every probability of the forest into NaN (on
     * tiny data, e.g. 3 rows per class). Such a tree gets the mean weight of the trees that could be
     * measured (1 when none could), so it votes like an average tree. Forests where every tree has
     * out-of-bag rows, i.e. all but the tiniest data, are unchanged.
     */
    static double[] unmeasuredAsMean(double[] weights) {
        double sum = 0;
        int measured = 0;
        for (double w : weights) {
            if (!Double.isNaN(w)) {
                sum += w;
                measured++;
            }
        }
        double fill = measured > 0 ? sum / measured : 1.0;
        double[] out = weights.clone();
        for (int t = 0; t < out.length; t++) {
            if (Double.isNaN(out[t])) {
                out[t] = fill;
            }
        }
        return out;
    }

    /** The tree's weight in the vote: its accuracy on the rows it was not grown on (NaN when there are none). */
    private static double outOfBagAccuracy(FlatSmileTree tree, CartData data, int[] samples) {
        int outOfBag = 0;
        int right = 0;
        for (int i = 0; i < samples.length; i++) {
            if (samples[i] == 0) {
                outOfBag++;
                if (tree.predict(data.x(), i) == data.y()[i]) {
                    right++;
                }
            }
        }
        return (double) right / outOfBag;
    }
}
