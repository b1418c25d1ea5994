package dev.grove.internal.forest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a task over rows {@code [0, n)} in fixed blocks on threads of its own (the caller's common
 * pool is left alone); a block's exception reaches the caller as it was thrown. Blocks ({@link #blockSize}) depend on {@code n} and the thread count only, and each writes only its own rows, so
 * a task that predicts each row independently gives the same result on any number of threads.
 */
public final class RowBlocks {
    /** Fewest rows per task: enough to amortise a tree walk's cache warm-up. */
    public static final int BLOCK = 1024;

    /**
     * Most rows per task. Trees are walked tree by tree over a block's rows, so each block reads
     * every tree once: a deep tree (1.5 MB on synth_1m) fetched from memory for only 1,024 rows cost
     * as much as the walks. Up to this many rows share each fetch (measured on synth_1m's 200k test
     * rows, 2 cores: 12.5k-row blocks took 7.0-7.6 CPU s, 50k-row blocks 5.8).
     */
    public static final int MAX_BLOCK = 64 * BLOCK;

    /** Blocks per worker at least, so that workers still share the work evenly. */
    private static final int BLOCKS_PER_WORKER = 2;

    /** Predicts rows {@code from} (inclusive) to {@code to} (exclusive). */
    @FunctionalInterface
    public interface Task {
        void run(int from, int to);
    }

    private RowBlocks() {
    }

    /** Runs {@code task} over every block of {@code n} rows on up to {@code threads} workers. */
    public static void run(int n, int threads, Task task) {
        int block = blockSize(n, threads);
        int blocks = (n + block - 1) / block;
        int workers = Math.min(threads, blocks);
        if (workers <= 1) {
            task.run(0, n);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "grove-predict");
            t.setDaemon(true);
            return t;
        });
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> running = new ArrayList<>(workers);
            for (int w = 0; w < workers; w++) {
                running.add(pool.submit(() -> {
                    for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                        task.run(b * block, Math.min(n, (b + 1) * block));
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            throw Workers.interrupted("prediction", e);
        } catch (ExecutionException e) {
            throw WorkerFailure.unwrap(e, "prediction failed");
        } finally {
            Workers.stop(pool);
        }
    }

    /** Rows per block for {@code n} rows on {@code threads} workers: {@link #BLOCK} to {@link #MAX_BLOCK}. */
    public static int blockSize(int n, int threads) {
        return Math.max(BLOCK, Math.min(MAX_BLOCK, n / (BLOCKS_PER_WORKER * Math.max(1, threads))));
    }

    /**
     * Workers for prediction: the fit's {@code threads} param when the model has one (a saved
     * model's params leave it out), else every core; never more than the cores, since the params
     * of a loaded file are not to be trusted with the thread count.
     */
    public static int threads(Map<String, Object> params) {
        int cores = Runtime.getRuntime().availableProcessors();
        Object t = params.get("threads");
        return t instanceof Number num && num.intValue() >= 1 ? Math.min(num.intValue(), cores) : cores;
    }
}
