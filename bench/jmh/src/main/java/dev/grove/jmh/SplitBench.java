package dev.grove.jmh;

import dev.grove.data.Dataset;
import dev.grove.internal.PortableStratifiedSplit;
import dev.grove.internal.Split;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The SPLIT stage: the portable stratified split of 100k labels, then the train/test row copies. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SplitBench {
    @Param(PipelineState.DEFAULT_CSV)
    public String csv;

    private Dataset data;
    private int[] labels;

    @Setup
    public void setUp() {
        data = new PipelineState(csv).data;
        labels = data.labels();
    }

    @Benchmark
    public Split splitIndexes() {
        return PortableStratifiedSplit.split(labels, data.classes().size(), 0.2, 42);
    }

    @Benchmark
    public Dataset[] splitAndSelect() {
        Split s = PortableStratifiedSplit.split(labels, data.classes().size(), 0.2, 42);
        return new Dataset[] {data.select(s.train()), data.select(s.test())};
    }
}
