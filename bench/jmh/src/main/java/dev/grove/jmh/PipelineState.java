package dev.grove.jmh;

import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.internal.PortableStratifiedSplit;
import dev.grove.internal.Split;
import java.nio.file.Path;

/** synth_100k read once per JVM, split as the pipeline splits it (test 0.2, seed 42). */
final class PipelineState {
    static final String DEFAULT_CSV = "/work/shared/data/synth_100k.csv";

    final Dataset data;
    final Split split;
    final Dataset train;
    final Dataset test;

    PipelineState(String csv) {
        data = CsvReader.readDataset(Path.of(csv), CsvOptions.defaults());
        split = PortableStratifiedSplit.split(data.labels(), data.classes().size(), 0.2, 42);
        train = data.select(split.train());
        test = data.select(split.test());
    }
}
