package dev.grove.jmh;

import dev.grove.eval.Evaluation;
import dev.grove.eval.Evaluator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Scoring (confusion matrix, per-class and weighted metrics) of a synth_100k-sized test set: 20k rows, 3 classes. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EvaluateBench {
    private static final List<String> CLASSES = List.of("LOW", "MEDIUM", "HIGH");

    @Param("20000")
    public int rows;

    private int[] truth;
    private int[] predicted;

    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(42);
        truth = new int[rows];
        predicted = new int[rows];
        for (int i = 0; i < rows; i++) {
            truth[i] = r.nextInt(3);
            predicted[i] = r.nextDouble() < 0.93 ? truth[i] : r.nextInt(3); // about synth_100k's accuracy
        }
    }

    @Benchmark
    public Evaluation evaluate() {
        return Evaluator.evaluate(CLASSES, truth, predicted);
    }
}
