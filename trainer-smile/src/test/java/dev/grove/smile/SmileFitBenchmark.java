package dev.grove.smile;

import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.eval.Evaluation;
import dev.grove.eval.Evaluator;
import dev.grove.internal.PortableStratifiedSplit;
import dev.grove.internal.Split;
import dev.grove.train.FitProgress;
import dev.grove.train.Predictions;
import dev.grove.train.TrainedModel;
import dev.grove.train.TrainingParams;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Not a unit test: fits a forest on a CSV with the portable split and prints one JSON line
 * (fit seconds, accuracy, model file size). Run by {@code bench/smile-fit.sh}.
 *
 * <pre>SmileFitBenchmark CSV [TREES=100] [THREADS=cores] [SEED=42] [TEST_SPLIT=0.2]</pre>
 */
public final class SmileFitBenchmark {
    private SmileFitBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: SmileFitBenchmark CSV [TREES=100] [THREADS=cores] [SEED=42] [TEST_SPLIT=0.2]");
            System.exit(2);
        }
        Path csv = Path.of(args[0]);
        int trees = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        double testSplit = args.length > 4 ? Double.parseDouble(args[4]) : 0.2;

        long t0 = System.nanoTime();
        Dataset data = CsvReader.readDataset(csv, CsvOptions.defaults());
        Split split = PortableStratifiedSplit.split(data.labels(), data.classes().size(), testSplit, seed);
        Dataset train = data.select(split.train());
        Dataset test = data.select(split.test());
        double readSeconds = (System.nanoTime() - t0) / 1e9;

        TrainingParams params = TrainingParams.defaults().withNEstimators(trees).withRandomState(seed).withThreads(threads);
        long t1 = System.nanoTime();
        TrainedModel model = new SmileTrainer().fit(train, params, FitProgress.NONE);
        double fitSeconds = (System.nanoTime() - t1) / 1e9;

        long t2 = System.nanoTime();
        Predictions p = model.predict(test.features());
        double predictSeconds = (System.nanoTime() - t2) / 1e9;
        Evaluation e = Evaluator.evaluate(test.classes(), test.labels(), p.predicted());

        Path file = Files.createTempFile("smile-bench-", ".model");
        long t3 = System.nanoTime();
        try (OutputStream out = Files.newOutputStream(file)) {
            model.write(out);
        }
        double writeSeconds = (System.nanoTime() - t3) / 1e9;
        long size = Files.size(file);
        Files.delete(file);
        long heapMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;

        System.out.println(String.format(Locale.ROOT, "{\"peer\":\"grove-smile\",\"version\":\"%s\",\"dataset\":\"%s\","
                        + "\"n_train\":%d,\"n_test\":%d,\"n_features\":%d,\"trees\":%d,\"seed\":%d,\"threads\":%d,"
                        + "\"accuracy\":%.4f,\"f1_weighted\":%.4f,\"train_seconds\":%.2f,\"read_split_seconds\":%.2f,"
                        + "\"predict_seconds\":%.2f,\"write_seconds\":%.2f,\"model_bytes\":%d,\"heap_used_mb\":%d}",
                new SmileTrainer().version(), csv.getFileName(), train.size(), test.size(), model.encoding().size(),
                trees, seed, threads, e.accuracy(), e.f1Weighted(), fitSeconds, readSeconds, predictSeconds,
                writeSeconds, size, heapMb));
    }
}
