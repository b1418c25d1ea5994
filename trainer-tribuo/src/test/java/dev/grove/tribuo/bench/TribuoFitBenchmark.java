package dev.grove.tribuo.bench;

import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.data.NumericColumn;
import dev.grove.eval.Evaluator;
import dev.grove.internal.PortableStratifiedSplit;
import dev.grove.internal.Split;
import dev.grove.train.FitProgress;
import dev.grove.train.TrainedModel;
import dev.grove.train.Trainer;
import dev.grove.train.TrainingParams;
import dev.grove.tribuo.TribuoTrainer;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.LongStream;
import smile.base.cart.SplitRule;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.measure.NominalScale;
import smile.data.type.DataTypes;
import smile.data.type.StructField;
import smile.data.vector.IntVector;

/**
 * Not a test: fit time, accuracy and model size of the Tribuo trainer against Smile on the same
 * split in the same JVM run. Smile is GPL-3 and only on this module's test classpath.
 *
 * <pre>TribuoFitBenchmark CSV [trees=100] [threads=cores] [maxDepth=20] [minLeaf=5] [maxBins=255]</pre>
 * Smile runs through {@code dev.grove.smile.SmileTrainer} when that module is on the classpath,
 * else through a minimal direct {@code RandomForest.fit} with the same settings (numeric data only).
 */
public final class TribuoFitBenchmark {
    private TribuoFitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]);
        int trees = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        int maxDepth = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int minLeaf = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        String maxBins = args.length > 5 ? args[5] : "255";

        Dataset data = CsvReader.readDataset(csv, CsvOptions.defaults());
        Split split = PortableStratifiedSplit.split(data.labels(), data.classes().size(), 0.2, 42);
        Dataset train = data.select(split.train());
        Dataset test = data.select(split.test());
        TrainingParams params = new TrainingParams(trees, 42, OptionalInt.of(maxDepth), minLeaf, OptionalInt.empty(),
                threads, Map.of("max-bins", maxBins));
        System.out.printf("data %s: %d train / %d test rows, %d features; %d trees, %d threads, max depth %d, min leaf %d, tribuo max-bins %s%n",
                csv.getFileName(), train.size(), test.size(), data.features().columns().size(), trees, threads, maxDepth,
                minLeaf, maxBins);

        Row tribuo = viaTrainer("tribuo", new TribuoTrainer(), train, test, params);
        if (Boolean.getBoolean("bench.tribuoOnly")) {
            System.out.printf("tribuo: fit %.2f s, accuracy %.4f, model %d bytes%n", tribuo.fitSeconds, tribuo.accuracy,
                    tribuo.modelBytes);
            return;
        }
        Row smile;
        try {
            Trainer smileTrainer = (Trainer) Class.forName("dev.grove.smile.SmileTrainer").getDeclaredConstructor()
                    .newInstance();
            // max-bins is Tribuo's alone: Smile refuses extras it does not know
            TrainingParams smileParams = new TrainingParams(trees, 42, OptionalInt.of(maxDepth), minLeaf,
                    OptionalInt.empty(), threads, Map.of());
            smile = viaTrainer("smile (module)", smileTrainer, train, test, smileParams);
        } catch (ClassNotFoundException e) {
            smile = smileDirect(train, test, trees, threads, maxDepth, minLeaf);
        }
        System.out.printf("%-16s %8s %9s %12s%n", "trainer", "fit s", "accuracy", "model bytes");
        for (Row r : new Row[] {tribuo, smile}) {
            System.out.printf("%-16s %8.2f %9.4f %12d%n", r.name, r.fitSeconds, r.accuracy, r.modelBytes);
        }
        System.out.printf("tribuo/smile: fit time x%.2f, accuracy %+.2f points, model size x%.2f%n",
                tribuo.fitSeconds / smile.fitSeconds, 100 * (tribuo.accuracy - smile.accuracy),
                (double) tribuo.modelBytes / smile.modelBytes);
    }

    private record Row(String name, double fitSeconds, double accuracy, long modelBytes) {
    }

    private static Row viaTrainer(String name, Trainer trainer, Dataset train, Dataset test, TrainingParams params)
            throws IOException {
        System.gc();
        long t0 = System.nanoTime();
        TrainedModel model = trainer.fit(train, params, FitProgress.NONE);
        double fit = (System.nanoTime() - t0) / 1e9;
        double accuracy = Evaluator.evaluate(test.classes(), test.labels(), model.predict(test.features()).predicted())
                .accuracy();
        Counting out = new Counting();
        model.write(out);
        return new Row(name, fit, accuracy, out.count);
    }

    private static Row smileDirect(Dataset train, Dataset test, int trees, int threads, int maxDepth, int minLeaf)
            throws Exception {
        int p = train.features().columns().size();
        String[] names = train.features().columnNames().toArray(String[]::new);
        DataFrame df = DataFrame.of(rows(train), names).merge(IntVector.of(new StructField("label", DataTypes.IntegerType,
                new NominalScale(train.classes().toArray(String[]::new))), train.labels()));
        DataFrame testX = DataFrame.of(rows(test), names);
        long[] seeds = new SplittableRandom(42).longs(trees, 2, Long.MAX_VALUE).distinct().toArray();
        int mtry = Math.max(1, (int) Math.floor(Math.sqrt(p)));
        System.gc();
        long t0 = System.nanoTime();
        ForkJoinPool pool = new ForkJoinPool(threads);
        RandomForest rf = pool.submit(() -> RandomForest.fit(Formula.lhs("label"), df, trees, mtry, SplitRule.GINI,
                maxDepth, train.size(), minLeaf, 1.0, null, LongStream.of(seeds))).get();
        double fit = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        int[] predicted = new int[test.size()];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = rf.predict(testX.get(i));
        }
        double accuracy = Evaluator.evaluate(test.classes(), test.labels(), predicted).accuracy();
        Counting out = new Counting();
        try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
            oos.writeObject(rf);
        }
        return new Row("smile (direct)", fit, accuracy, out.count);
    }

    private static double[][] rows(Dataset d) {
        int p = d.features().columns().size();
        double[][] x = new double[d.size()][p];
        for (int j = 0; j < p; j++) {
            if (!(d.features().columns().get(j) instanceof NumericColumn c)) {
                throw new IllegalArgumentException("the direct Smile path handles numeric features only");
            }
            for (int i = 0; i < d.size(); i++) {
                x[i][j] = c.get(i);
            }
        }
        return x;
    }

    private static final class Counting extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
