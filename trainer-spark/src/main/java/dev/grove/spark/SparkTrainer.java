package dev.grove.spark;

import dev.grove.InvalidRequestException;
import dev.grove.data.Dataset;
import dev.grove.data.ExternalTable;
import dev.grove.train.FeatureEncoding;
import dev.grove.train.FitProgress;
import dev.grove.train.PreparedSource;
import dev.grove.train.SourceTrainer;
import dev.grove.train.TrainedModel;
import dev.grove.train.TrainingParams;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Grove's {@code spark} trainer: Spark MLlib's {@code RandomForestClassifier} on a table Spark reads
 * itself (CSV or Parquet, any path Spark understands), so the rows never pass through this JVM. The
 * fitted forest is exported into Grove's own format ({@value SparkModelFormat#MAGIC}), which predicts
 * exactly as Spark did with no Spark on the class path.
 *
 * <p>Spark is {@code provided}: {@link #name}, {@link #version}, {@link #validate} and {@link #load}
 * never touch it (no Spark type appears in this class's fields or signatures but {@link #using}'s);
 * only {@link #prepare} does, through {@link SparkPreparation}.
 */
public final class SparkTrainer implements SourceTrainer {
    public static final String NAME = "spark";
    private static final Properties BUILD = buildProperties();

    /** Gives the session to prepare on; erased to Object so this class loads without Spark. */
    private final Supplier<?> session;

    /** The trainer ServiceLoader finds: it uses the active Spark session or builds one (SparkSessions). */
    public SparkTrainer() {
        this(null);
    }

    private SparkTrainer(Supplier<?> session) {
        this.session = session;
    }

    /** A trainer on the application's own session. */
    public static SparkTrainer using(org.apache.spark.sql.SparkSession session) {
        Objects.requireNonNull(session, "session");
        return new SparkTrainer(() -> session);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The Spark version this module was built against (from the build, not from Spark, which may be absent). */
    @Override
    public String version() {
        return sparkVersion();
    }

    static String sparkVersion() {
        return BUILD.getProperty("spark.version");
    }

    @Override
    public String description() {
        return "Spark MLlib " + sparkVersion() + "'s random forest (Apache-2) on data Spark reads itself (--dataset "
                + "with --format csv|parquet); extras: " + String.join(", ", SparkSettings.EXTRAS);
    }

    @Override
    public void validate(TrainingParams params) {
        SparkSettings.check(params);
    }

    /** Spark trains on a table it reads itself; an in-memory dataset is refused. */
    @Override
    public TrainedModel fit(Dataset train, TrainingParams params, FitProgress progress) {
        throw new InvalidRequestException("the spark trainer reads its data itself and does not train on rows held in "
                + "memory; give the data as a file Spark reads (grove train --trainer spark --dataset PATH --format "
                + "csv|parquet), or use the smile or tribuo trainer");
    }

    @Override
    public PreparedSource prepare(ExternalTable table, TrainingParams params, double testSplit) {
        Objects.requireNonNull(table, "table");
        SparkSettings.check(params);
        if (!(testSplit > 0 && testSplit < 1)) {
            throw new InvalidRequestException("test split must be between 0 and 1 (exclusive), got " + testSplit);
        }
        return SparkPreparation.prepare(session, table, params, testSplit);
    }

    @Override
    public TrainedModel load(InputStream in) throws IOException {
        SparkModelFormat.Read read = SparkModelFormat.read(in);
        SparkModelHeader h = read.header();
        return new SparkModel(read.forest(), h.classes(), new FeatureEncoding(h.features()), Map.copyOf(h.params()),
                h.sparkVersion());
    }

    private static Properties buildProperties() {
        Properties p = new Properties();
        try (InputStream in = SparkTrainer.class.getResourceAsStream("trainer-spark.properties")) {
            if (in == null) {
                throw new IllegalStateException("trainer-spark.properties is missing from the grove-trainer-spark jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
