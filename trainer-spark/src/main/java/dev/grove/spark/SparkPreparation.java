package dev.grove.spark;

import dev.grove.ArtifactException;
import dev.grove.InvalidDataException;
import dev.grove.data.ColumnType;
import dev.grove.data.DatasetBuilder;
import dev.grove.data.DatasetProfile;
import dev.grove.data.DatasetSource;
import dev.grove.data.ExternalTable;
import dev.grove.train.FeatureEncoding;
import dev.grove.train.FeatureSpec;
import dev.grove.train.FitProgress;
import dev.grove.train.PreparedSource;
import dev.grove.train.TrainedModel;
import dev.grove.train.TrainingParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An external table read, profiled, split and encoded by Spark, ready to fit. The driver holds
 * counts, class and level names, medians and at most a bounded sample of test rows; the rows stay
 * in Spark (the split rows are persisted, memory and disk, until {@link #close}).
 *
 * <p>Classes are the label's distinct texts in {@link String#compareTo} order (a partitioned table
 * has no first appearance). The dataset fingerprint ({@link DatasetSource#sha256()}) is not a file
 * hash: it is the SHA-256 of {@code grove-spark-rows-v1}, the columns (name and type, in order), the
 * number of labelled rows and the sums modulo 2^64 of two 64-bit {@code xxhash64} of each labelled
 * row's content — the same for the same rows in any order, any partitioning, any file layout.
 */
final class SparkPreparation implements PreparedSource {
    private static final Logger LOG = LoggerFactory.getLogger(SparkPreparation.class);
    static final int MAX_CLASSES = 1_000;
    private static final String FEATURES = "grove_features";
    static final String PREDICTION = "grove_prediction";
    /** Seeds of the fingerprint's two row hashes (fixed: the fingerprint must not depend on random_state). */
    private static final long PRINT_SEED_1 = 0x67726F7665L;
    private static final long PRINT_SEED_2 = 0x726F777376L;

    private final SparkTable table;
    private final ExternalTable external;
    private final List<String> classes;
    private final DatasetSource source;
    private final DatasetProfile profile;
    private final Dataset<Row> split;
    private final FeatureEncoding encoding;
    private final SparkSettings settings;
    private final long trainRows;
    private final long testRows;
    /** The native forest behind the last model {@link #fit} returned. */
    private TrainedModel fitted;
    private RandomForestClassificationModel nativeModel;

    private SparkPreparation(SparkTable table, ExternalTable external, List<String> classes, DatasetSource source,
                             DatasetProfile profile, Dataset<Row> split, FeatureEncoding encoding, SparkSettings settings,
                             long trainRows, long testRows) {
        this.table = table;
        this.external = external;
        this.classes = classes;
        this.source = source;
        this.profile = profile;
        this.split = split;
        this.encoding = encoding;
        this.settings = settings;
        this.trainRows = trainRows;
        this.testRows = testRows;
    }

    /** @param session gives the SparkSession to use; null for the active one (or a new one) */
    static PreparedSource prepare(Supplier<?> session, ExternalTable external, TrainingParams params, double testSplit) {
        try {
            return read(session, external, params, testSplit);
        } catch (dev.grove.GroveException e) {
            throw e;
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            for (Throwable t = e; t != null; t = t.getCause()) {
                String m = String.valueOf(t.getMessage());
                if (m.contains("MALFORMED_RECORD") || m.contains("Malformed")) {
                    throw new InvalidDataException(external.location() + " has a row Spark cannot read as "
                            + external.format() + " (" + m.lines().findFirst().orElse(m) + "); fix or remove that row",
                            e);
                }
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException("Spark failed to read "
                    + external.location() + ": " + e.getMessage(), e);
        }
    }

    private static PreparedSource read(Supplier<?> session, ExternalTable external, TrainingParams params,
                                       double testSplit) {
        SparkSession spark = session == null ? SparkSessions.active() : (SparkSession) session.get();
        long t0 = System.nanoTime();
        SparkTable table = SparkTable.read(spark, external);
        try {
            return read(spark, table, external, params, testSplit, t0);
        } catch (Exception e) { // Spark's checked exceptions come undeclared
            table.release();
            throw e;
        }
    }

    private static PreparedSource read(SparkSession spark, SparkTable table, ExternalTable external,
                                       TrainingParams params, double testSplit, long t0) {
        long t1 = System.nanoTime();
        int p = table.features();

        // one pass: per class, its rows, its missing cells per feature and the fingerprint's hash sums
        Column label = functions.col(SparkTable.LABEL);
        List<Column> aggregates = new ArrayList<>();
        aggregates.add(functions.count(functions.lit(1)).as("n"));
        for (int j = 0; j < p; j++) {
            aggregates.add(functions.count(functions.when(functions.col(SparkTable.feature(j)).isNull(), 1)));
        }
        aggregates.add(functions.sum(functions.xxhash64(withSeed(PRINT_SEED_1, table.content()))
                .cast(DataTypes.createDecimalType(20, 0))));
        aggregates.add(functions.sum(functions.xxhash64(withSeed(PRINT_SEED_2, table.content()))
                .cast(DataTypes.createDecimalType(20, 0))));
        List<Row> perClass = table.rows().groupBy(label)
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
                .limit(MAX_CLASSES + 2).collectAsList();
        long dropped = 0;
        List<Row> labelled = new ArrayList<>();
        for (Row r : perClass) {
            if (r.isNullAt(0)) {
                dropped = r.getLong(1);
            } else {
                labelled.add(r);
            }
        }
        if (labelled.size() > MAX_CLASSES) {
            throw new InvalidDataException("the label column '" + table.label() + "' of " + external.location()
                    + " has more than " + MAX_CLASSES + " distinct values; is it the column to predict? Name it with --label");
        }
        labelled.sort(Comparator.comparing(r -> r.getString(0)));
        List<String> classes = labelled.stream().map(r -> r.getString(0)).toList();
        if (classes.size() < 2) {
            throw new InvalidDataException("the label column '" + table.label() + "' of " + external.location()
                    + " holds " + (classes.isEmpty() ? "no class" : "only the class '" + classes.get(0) + "'")
                    + "; a classifier needs at least two classes");
        }
        long[] classCounts = new long[classes.size()];
        long[] missing = new long[p];
        BigInteger sum1 = BigInteger.ZERO;
        BigInteger sum2 = BigInteger.ZERO;
        for (int c = 0; c < classes.size(); c++) {
            Row r = labelled.get(c);
            classCounts[c] = r.getLong(1);
            for (int j = 0; j < p; j++) {
                missing[j] += r.getLong(2 + j);
            }
            sum1 = sum1.add(r.getDecimal(2 + p).toBigInteger());
            sum2 = sum2.add(r.getDecimal(3 + p).toBigInteger());
        }
        long rows = java.util.Arrays.stream(classCounts).sum();
        long t2 = System.nanoTime();
        String fingerprint = fingerprint(table, rows, sum1, sum2);
        DatasetSource source = new DatasetSource(external.location(), fingerprint, 0, toInt(rows + dropped, external),
                toInt(dropped, external));
        DatasetProfile profile = profile(table, classes, classCounts, missing, rows, dropped);

        // split: class index, seeded content hashes, test or not; persisted for the fit and the evaluation
        List<Column> kv = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            kv.add(functions.lit(classes.get(c)));
            kv.add(functions.lit(c));
        }
        List<Column> columns = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            columns.add(functions.col(SparkTable.feature(j)));
        }
        columns.add(label);
        columns.add(functions.try_element_at(functions.map(kv.toArray(Column[]::new)), label).as(HashStratifiedSplit.CLASS));
        columns.addAll(List.of(HashStratifiedSplit.hashes(table, params.randomState())));
        Dataset<Row> hashed = table.rows().where(label.isNotNull()).select(columns.toArray(Column[]::new));
        Dataset<Row> split = HashStratifiedSplit.split(spark, hashed, classCounts, testSplit)
                .persist(StorageLevel.MEMORY_AND_DISK());
        long testRows = 0;
        for (long k : classCounts) {
            testRows += HashStratifiedSplit.testCount(k, testSplit);
        }
        try {
            Dataset<Row> train = split.where(functions.not(functions.col(HashStratifiedSplit.TEST)));
            FeatureEncoding encoding = SparkEncoding.fit(train, table); // its first pass fills the split's cache
            // the split holds every row now: the parsed cells are no longer needed
            table.release();
            long t3 = System.nanoTime();
            LOG.debug("{}: prepared in {} ms: read and type {} ms, classes and fingerprint {} ms, split and encoding {} ms",
                    external.location(), ms(t3 - t0), ms(t1 - t0), ms(t2 - t1), ms(t3 - t2));
            int mostLevels = encoding.features().stream().filter(f -> f.type() == ColumnType.CATEGORICAL)
                    .mapToInt(f -> f.levels().size()).max().orElse(0);
            SparkSettings settings = SparkSettings.resolve(params, p, mostLevels);
            LOG.info("{}: {} rows ({} without a label, dropped), {} classes, split {}: {} train / {} test rows",
                    external.location(), rows, dropped, classes.size(), HashStratifiedSplit.NAME, rows - testRows, testRows);
            return new SparkPreparation(table, external, classes, source, profile, split, encoding, settings,
                    rows - testRows, testRows);
        } catch (RuntimeException e) {
            split.unpersist();
            throw e;
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static Column[] withSeed(long seed, Column[] content) {
        Column[] all = new Column[content.length + 1];
        all[0] = functions.lit(seed);
        System.arraycopy(content, 0, all, 1, content.length);
        return all;
    }

    private static String fingerprint(SparkTable table, long rows, BigInteger sum1, BigInteger sum2) {
        BigInteger mod = BigInteger.ONE.shiftLeft(64);
        StringBuilder s = new StringBuilder("grove-spark-rows-v1\n");
        for (int j = 0; j < table.features(); j++) {
            s.append(table.numeric()[j] ? "N " : "C ").append(table.names().get(j)).append('\n');
        }
        s.append("L ").append(table.label()).append('\n').append(rows).append('\n')
                .append(sum1.mod(mod).toString(16)).append('\n').append(sum2.mod(mod).toString(16)).append('\n');
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DatasetProfile profile(SparkTable table, List<String> classes, long[] classCounts, long[] missing,
                                          long rows, long dropped) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            counts.put(classes.get(c), classCounts[c]);
        }
        Map<String, Long> missingPerColumn = new LinkedHashMap<>();
        for (int j = 0; j < table.features(); j++) {
            missingPerColumn.put(table.names().get(j), missing[j]);
        }
        return DatasetProfile.ofCounts(rows, counts, missingPerColumn, dropped);
    }

    /** Grove's run record counts rows as ints. */
    private static int toInt(long n, ExternalTable external) {
        if (n > Integer.MAX_VALUE) {
            throw new InvalidDataException("the dataset" + (external == null ? "" : " " + external.location()) + " has "
                    + n + " rows; Grove's run record counts at most " + Integer.MAX_VALUE);
        }
        return (int) n;
    }

    @Override
    public DatasetSource source() {
        return source;
    }

    @Override
    public String labelName() {
        return table.label();
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public DatasetProfile profile() {
        return profile;
    }

    @Override
    public Map<String, String> featureTypes() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int j = 0; j < table.features(); j++) {
            m.put(table.names().get(j), table.numeric()[j] ? "numeric" : "categorical");
        }
        return m;
    }

    @Override
    public String splitName() {
        return HashStratifiedSplit.NAME;
    }

    @Override
    public long trainRows() {
        return trainRows;
    }

    @Override
    public long testRows() {
        return testRows;
    }

    @Override
    public TrainingParams params() {
        return settings.toTrainingParams();
    }

    /** The encoding fixed on the train rows (what the exported model applies to raw rows). */
    FeatureEncoding encoding() {
        return encoding;
    }

    /** Rows of the split ({@code test} or train): raw columns, the encoded feature vector, the class as a double label. */
    Dataset<Row> encoded(boolean test) {
        List<Column> cols = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        for (int j = 0; j < encoding.size(); j++) {
            cols.add(SparkEncoding.encode(encoding.features().get(j), j));
            inputs.add("e" + j);
        }
        cols.add(functions.col(HashStratifiedSplit.CLASS).cast(DataTypes.DoubleType).as(HashStratifiedSplit.CLASS,
                NominalAttribute.defaultAttr().withName(table.label()).withValues(classes.toArray(String[]::new))
                        .toMetadata()));
        cols.add(functions.col(HashStratifiedSplit.H1));
        cols.add(functions.col(HashStratifiedSplit.H2));
        for (int j = 0; j < encoding.size(); j++) {
            cols.add(functions.col(SparkTable.feature(j)));
        }
        cols.add(functions.col(SparkTable.LABEL));
        Column which = functions.col(HashStratifiedSplit.TEST);
        Dataset<Row> rows = split.where(test ? which : functions.not(which)).select(cols.toArray(Column[]::new));
        return new VectorAssembler().setInputCols(inputs.toArray(String[]::new)).setOutputCol(FEATURES)
                .transform(rows);
    }

    /**
     * Up to {@code limit} train rows as a core dataset (first by content hash), e.g. to train an
     * in-memory trainer on the very rows Spark trained on when comparing them; small data only.
     */
    dev.grove.data.Dataset trainRows(int limit) {
        List<Row> rows = split.where(functions.not(functions.col(HashStratifiedSplit.TEST)))
                .orderBy(HashStratifiedSplit.H1, HashStratifiedSplit.H2).limit(Math.max(0, limit))
                .select(rawColumns().toArray(Column[]::new)).collectAsList();
        return toDataset(rows, "train rows");
    }

    @Override
    public TrainedModel fit(FitProgress progress) {
        SparkSettings s = settings;
        // same seed, data and partition count ⇒ same forest: Spark's bagging and binning follow the partitions
        Dataset<Row> train = encoded(false).repartition(s.partitions(), functions.col(HashStratifiedSplit.H1))
                .sortWithinPartitions(HashStratifiedSplit.H1, HashStratifiedSplit.H2);
        RandomForestClassifier rf = new RandomForestClassifier().setFeaturesCol(FEATURES)
                .setLabelCol(HashStratifiedSplit.CLASS).setPredictionCol(PREDICTION)
                .setNumTrees(s.trees()).setSeed(s.seed()).setMaxDepth(s.maxDepth()).setMinInstancesPerNode(s.minLeaf())
                .setFeatureSubsetStrategy(String.valueOf(s.mtry())).setMaxBins(s.maxBins()).setBootstrap(s.bootstrap())
                .setImpurity(s.criterion()).setSubsamplingRate(1.0);
        progress.update(0, "Spark is growing " + s.trees() + " trees on " + trainRows + " rows in " + s.partitions()
                + " partitions");
        RandomForestClassificationModel model = rf.fit(train);
        SparkForest forest = ForestExport.of(model);
        progress.update(1, "grew " + forest.trees() + " trees, " + forest.nodes() + " nodes");
        TrainedModel exported = new SparkModel(forest, classes, encoding, s.toRecordedParams(), SparkTrainer.sparkVersion());
        this.nativeModel = model;
        this.fitted = exported;
        return exported;
    }

    RandomForestClassificationModel nativeOf(TrainedModel model) {
        if (model != fitted || nativeModel == null) {
            throw new IllegalArgumentException("this model was not fitted by this prepared source; call fit first");
        }
        return nativeModel;
    }

    @Override
    public long[][] confusion(TrainedModel model) {
        Dataset<Row> predicted = nativeOf(model).transform(encoded(true));
        long[][] m = new long[classes.size()][classes.size()];
        for (Row r : predicted.groupBy(HashStratifiedSplit.CLASS, PREDICTION).count().collectAsList()) {
            m[(int) r.getDouble(0)][(int) r.getDouble(1)] = r.getLong(2);
        }
        return m;
    }

    @Override
    public TestSample testSample(TrainedModel model, int limit) {
        // the raw test rows with Spark's predictions, first by content hash (the same sample every time)
        List<Column> select = rawColumns();
        select.add(functions.col(PREDICTION));
        List<Row> rows = nativeOf(model).transform(encoded(true))
                .orderBy(HashStratifiedSplit.H1, HashStratifiedSplit.H2).limit(Math.max(0, limit))
                .select(select.toArray(Column[]::new)).collectAsList();
        int[] predicted = new int[rows.size()];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = (int) rows.get(i).getDouble(table.features() + 1);
        }
        return new TestSample(toDataset(rows, "test rows"), predicted);
    }

    /** The feature columns and the label, as read. */
    private List<Column> rawColumns() {
        List<Column> select = new ArrayList<>();
        for (int j = 0; j < table.features(); j++) {
            select.add(functions.col(SparkTable.feature(j)));
        }
        select.add(functions.col(SparkTable.LABEL));
        return select;
    }

    /** Rows of {@link #rawColumns} as a core dataset with the data's column names and types. */
    private dev.grove.data.Dataset toDataset(List<Row> rows, String what) {
        int n = rows.size();
        int p = table.features();
        DatasetBuilder b = dev.grove.data.Dataset.builder(external.location() + " (" + what + ")");
        for (int j = 0; j < p; j++) {
            if (table.numeric()[j]) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = rows.get(i).isNullAt(j) ? Double.NaN : rows.get(i).getDouble(j);
                }
                b.numeric(table.names().get(j), v);
            } else {
                String[] v = new String[n];
                for (int i = 0; i < n; i++) {
                    v[i] = rows.get(i).getString(j);
                }
                b.categorical(table.names().get(j), v);
            }
        }
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rows.get(i).getString(p);
        }
        return b.label(table.label(), labels).build();
    }

    /** {@code model.bin} → {@code model.spark}: the native model's folder beside the Grove model file. */
    static Path nativeDir(Path modelFile) {
        String name = modelFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return modelFile.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".spark");
    }

    @Override
    public void writeNative(TrainedModel model, Path modelFile) {
        RandomForestClassificationModel m = nativeOf(model);
        Path target = nativeDir(modelFile).toAbsolutePath();
        if (Files.exists(target)) {
            throw new ArtifactException("the native Spark model folder " + target + " already exists; Grove never "
                    + "overwrites a model: choose another save path");
        }
        Path tmp = target.resolveSibling("." + target.getFileName() + "-" + UUID.randomUUID() + ".tmp");
        try {
            m.write().save(tmp.toUri().toString());
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw new ArtifactException("could not write the native Spark model to " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void deleteNative(Path modelFile) {
        deleteTree(nativeDir(modelFile).toAbsolutePath());
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", dir, e.toString());
        }
    }

    @Override
    public void close() {
        try {
            table.release();
            split.unpersist();
        } catch (RuntimeException e) {
            LOG.warn("could not release the cached split of {}: {}", external.location(), e.toString());
        }
    }
}
