package dev.grove.jmh;

import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Grove's streaming CSV reader (CsvRecords into primitive columns, SHA-256 of the bytes on the
 * way) on a whole file. rows/s = rows / score, MB/s = file MB / score (run.sh prints both).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CsvReadBench {
    @Param("/work/shared/data/synth_100k.csv")
    public String csv;

    @Benchmark
    public Dataset readDataset() {
        return CsvReader.readDataset(Path.of(csv), CsvOptions.defaults());
    }
}
