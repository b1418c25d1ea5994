package dev.grove.testing;

import dev.grove.InvalidRequestException;
import dev.grove.data.Column;
import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.data.DatasetProfile;
import dev.grove.data.DatasetSource;
import dev.grove.data.ExternalTable;
import dev.grove.data.Table;
import dev.grove.train.FeatureEncoding;
import dev.grove.train.FitProgress;
import dev.grove.train.PreparedSource;
import dev.grove.train.Predictions;
import dev.grove.train.SourceTrainer;
import dev.grove.train.TrainedModel;
import dev.grove.train.TrainingParams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only {@link SourceTrainer} (name {@code table}) that stands in for Spark when a test is
 * about the pipeline's source path: it reads a local CSV table itself, splits it with its own
 * seeded stratified split ({@value #SPLIT}: rows ranked within their class by a seeded hash of
 * their index, a different split from the portable one), fits a {@link CentroidTrainer} model on
 * the train rows, counts the confusion matrix from that model's own predictions and writes a
 * "native" folder {@code <model>.table/} beside the model file. It counts the prepared tables still
 * open, so tests can check the pipeline closes every one.
 *
 * <p>Extras: {@code partitions} (default 3, resolved into the params like Spark's); {@code fail}:
 * {@code prepare} (reading the table throws an engine's error), {@code fit} (the fit throws), {@code cancel} (the fit runs until its thread is interrupted),
 * {@code native} (writing the native model throws), {@code verify} (the engine's sample predictions
 * disagree with the model, as an unfaithful export would).
 */
public final class TableTrainer implements SourceTrainer {
    public static final String NAME = "table";
    public static final String SPLIT = "table-hash-stratified-v1";
    private static final String MAGIC = "TABLE/1\n";

    private final AtomicInteger open = new AtomicInteger();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1.0";
    }

    /** Prepared tables not closed yet. */
    public int openTables() {
        return open.get();
    }

    @Override
    public void validate(TrainingParams params) {
        params.requireKnownExtras(NAME, Set.of("fail", "partitions"));
    }

    @Override
    public PreparedSource prepare(ExternalTable table, TrainingParams params, double testSplit) {
        if (!table.format().equals("csv")) {
            throw new InvalidRequestException("trainer 'table' reads csv tables only, not " + table.format());
        }
        if ("prepare".equals(params.extras().get("fail"))) {
            throw new UncheckedIOException(new java.io.FileNotFoundException("no such table, as an engine says it"));
        }
        CsvOptions options = table.label().map(CsvOptions.defaults()::withLabel).orElse(CsvOptions.defaults());
        Dataset data = CsvReader.readDataset(Path.of(table.location()), options);
        TrainingParams resolved = params.extras().containsKey("partitions") ? params : params.withExtra("partitions", "3");
        Prepared p = new Prepared(table, data, testRows(data, testSplit, params.randomState()), resolved);
        open.incrementAndGet();
        return p;
    }

    /** This trainer's test rows of {@code data}: within each class, the rows whose seeded hash ranks first. */
    public static int[] testRows(Dataset data, double testSplit, long seed) {
        List<Integer> test = new ArrayList<>();
        for (int c = 0; c < data.classes().size(); c++) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                if (data.label(i) == c) {
                    rows.add(i);
                }
            }
            rows.sort(Comparator.comparingLong(i -> new java.util.SplittableRandom(seed * 31 + i).nextLong()));
            test.addAll(rows.subList(0, (int) Math.round(testSplit * rows.size())));
        }
        return test.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    @Override
    public TrainedModel fit(Dataset train, TrainingParams params, FitProgress progress) {
        throw new UnsupportedOperationException("the pipeline gives a source trainer a table, never rows");
    }

    @Override
    public TrainedModel load(InputStream in) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length());
        if (!Arrays.equals(magic, MAGIC.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            throw new dev.grove.ModelIntegrityException("not a table model");
        }
        return new Model(new CentroidTrainer().load(in));
    }

    /** A centroid model under this trainer's name and format. */
    private record Model(TrainedModel inner) implements TrainedModel {
        @Override
        public String trainerName() {
            return NAME;
        }

        @Override
        public List<String> classes() {
            return inner.classes();
        }

        @Override
        public FeatureEncoding encoding() {
            return inner.encoding();
        }

        @Override
        public Map<String, Object> params() {
            return inner.params();
        }

        @Override
        public Predictions predict(Table rows) {
            return inner.predict(rows);
        }

        @Override
        public void write(OutputStream out) throws IOException {
            out.write(MAGIC.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            inner.write(out);
        }
    }

    private final class Prepared implements PreparedSource {
        private final ExternalTable table;
        private final Dataset data;
        private final Dataset train;
        private final Dataset test;
        private final TrainingParams params;
        private boolean closed;

        Prepared(ExternalTable table, Dataset data, int[] testRows, TrainingParams params) {
            this.table = table;
            this.data = data;
            boolean[] isTest = new boolean[data.size()];
            for (int i : testRows) {
                isTest[i] = true;
            }
            this.train = data.select(java.util.stream.IntStream.range(0, data.size()).filter(i -> !isTest[i]).toArray());
            this.test = data.select(testRows);
            this.params = params;
        }

        @Override
        public DatasetSource source() {
            return new DatasetSource(table.location(), data.source().sha256(), data.source().sizeBytes(),
                    data.source().rowsRead(), data.source().rowsDroppedMissingLabel());
        }

        @Override
        public String labelName() {
            return data.labelName();
        }

        @Override
        public List<String> classes() {
            return data.classes();
        }

        @Override
        public DatasetProfile profile() {
            Map<String, Long> classes = new LinkedHashMap<>();
            int[] counts = data.classCounts();
            for (int c = 0; c < counts.length; c++) {
                classes.put(data.classes().get(c), (long) counts[c]);
            }
            Map<String, Long> missing = new LinkedHashMap<>();
            for (Column col : data.features().columns()) {
                missing.put(col.name(), (long) col.missingCount());
            }
            return DatasetProfile.ofCounts(data.size(), classes, missing, data.source().rowsDroppedMissingLabel());
        }

        @Override
        public Map<String, String> featureTypes() {
            Map<String, String> types = new LinkedHashMap<>();
            for (Column c : data.features().columns()) {
                types.put(c.name(), c.type().name().toLowerCase(Locale.ROOT));
            }
            return types;
        }

        @Override
        public String splitName() {
            return SPLIT;
        }

        @Override
        public long trainRows() {
            return train.size();
        }

        @Override
        public long testRows() {
            return test.size();
        }

        @Override
        public TrainingParams params() {
            return params;
        }

        @Override
        public TrainedModel fit(FitProgress progress) {
            if ("fit".equals(params.extras().get("fail"))) {
                throw new IllegalStateException("the table fit failed on purpose");
            }
            if ("cancel".equals(params.extras().get("fail"))) {
                try {
                    while (true) {
                        progress.update(0, "waiting to be cancelled");
                        Thread.sleep(20);
                    }
                } catch (InterruptedException e) {
                    throw dev.grove.internal.forest.Workers.interrupted("the table fit", e);
                }
            }
            return new Model(new CentroidTrainer().fit(train, params, progress)); // it ignores the extras it lacks
        }

        @Override
        public long[][] confusion(TrainedModel model) {
            int k = data.classes().size();
            long[][] m = new long[k][k];
            int[] predicted = model.predict(test.features()).predicted();
            for (int i = 0; i < test.size(); i++) {
                m[test.label(i)][predicted[i]]++;
            }
            return m;
        }

        @Override
        public TestSample testSample(TrainedModel model, int limit) {
            int n = Math.min(limit, test.size());
            Dataset rows = test.select(java.util.stream.IntStream.range(0, n).toArray());
            int[] predicted = model.predict(rows.features()).predicted().clone();
            if ("verify".equals(params.extras().get("fail"))) {
                predicted[n - 1] = (predicted[n - 1] + 1) % data.classes().size();
            }
            return new TestSample(rows, predicted);
        }

        @Override
        public void writeNative(TrainedModel model, Path modelFile) {
            if ("native".equals(params.extras().get("fail"))) {
                throw new IllegalStateException("writing the native model failed on purpose");
            }
            try {
                Path dir = Files.createDirectories(nativeDir(modelFile));
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                model.write(bytes);
                Files.write(dir.resolve("model"), bytes.toByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void deleteNative(Path modelFile) {
            Path dir = nativeDir(modelFile);
            try {
                Files.deleteIfExists(dir.resolve("model"));
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                open.decrementAndGet();
            }
        }
    }

    /** Where the native model of {@code modelFile} goes. */
    public static Path nativeDir(Path modelFile) {
        return modelFile.resolveSibling(modelFile.getFileName() + ".table");
    }
}
