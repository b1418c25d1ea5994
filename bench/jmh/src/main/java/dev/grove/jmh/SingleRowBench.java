package dev.grove.jmh;

import dev.grove.data.Column;
import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.data.NumericColumn;
import dev.grove.sample.SampleData;
import dev.grove.train.FitProgress;
import dev.grove.train.Prediction;
import dev.grove.train.TrainedModel;
import dev.grove.train.TrainerRegistry;
import dev.grove.train.TrainingParams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Latency of one row through the path a live model serves: {@link TrainedModel#predict(Map)}
 * (what {@code LiveModel.predict(Map)} delegates to) on a 200-tree model of the bundled
 * future-skills sample, written and loaded back as the registry loads it. Each call takes the
 * next of the sample's rows, as maps of raw values (text for categorical features).
 * SampleTime gives the percentiles: {@code bench/jmh/run.sh SingleRowBench -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SingleRowBench {
    @Param({"smile", "tribuo"})
    public String trainer;

    @Param("200")
    public int trees;

    private TrainedModel model;
    private List<Map<String, Object>> rows;
    private int next;

    @Setup
    public void setUp() throws IOException {
        Path csv = SampleData.futureSkills(Files.createTempDirectory("grove-jmh").resolve("future_skills.csv"));
        Dataset data = CsvReader.readDataset(csv, CsvOptions.defaults().withLabel(SampleData.FUTURE_SKILLS_LABEL));
        TrainingParams params = TrainingParams.defaults().withNEstimators(trees).withRandomState(42);
        TrainedModel fitted = TrainerRegistry.load().get(trainer).fit(data, params, FitProgress.NONE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        fitted.write(bytes);
        model = TrainerRegistry.load().get(trainer).load(new ByteArrayInputStream(bytes.toByteArray()));
        rows = new ArrayList<>();
        List<Column> columns = data.features().columns();
        for (int r = 0; r < data.size(); r++) {
            Map<String, Object> row = new HashMap<>();
            for (Column c : columns) {
                row.put(c.name(), c instanceof NumericColumn n ? (Object) n.get(r)
                        : ((dev.grove.data.CategoricalColumn) c).level(r).orElse(null));
            }
            rows.add(row);
        }
    }

    @Benchmark
    public Prediction predictOneRow() {
        Map<String, Object> row = rows.get(next);
        next = next + 1 == rows.size() ? 0 : next + 1;
        return model.predict(row);
    }
}
