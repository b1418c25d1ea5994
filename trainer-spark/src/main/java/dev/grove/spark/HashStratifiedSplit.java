package dev.grove.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@value #NAME} split: stratified, seeded, with exact per-class test counts, and the same rows
 * whatever the partitioning or row order of the input.
 *
 * <p>Each row gets two seeded 64-bit hashes of its content (Spark's {@code xxhash64} over every
 * feature, whether it is missing, and the label, seeded by {@code random_state} and by
 * {@code random_state} XOR a constant). Rows are ranked within their class by (hash 1, hash 2), and
 * the first {@code min(floor(k × testSplit + 0.5), k − 1)} of a class of {@code k} rows are held
 * out — the per-class counts of core's {@code portable-stratified-v1}. The ranking is a global,
 * range-partitioned sort by (class, hash 1, hash 2) numbered with {@code zipWithIndex}, so no
 * partition has to hold a whole class. Rows that tie on both hashes have the same content (but for
 * a 128-bit collision), so which of them is held out cannot change the train or test rows.
 *
 * <p>It is not {@code portable-stratified-v1}: that split walks the rows in file order with one
 * random stream (the rows the scikit-learn and ranger peers hold out), which a partitioned table
 * cannot do; this one holds out as many rows per class, chosen by content instead of position.
 */
final class HashStratifiedSplit {
    static final String NAME = "spark-hash-stratified-v1";
    static final String CLASS = "grove_y";
    static final String H1 = "grove_h1";
    static final String H2 = "grove_h2";
    static final String TEST = "grove_test";
    /** Mixed into the seed of the second hash (the 64-bit golden ratio). */
    private static final long SECOND = 0x9E3779B97F4A7C15L;

    private HashStratifiedSplit() {
    }

    /** Test rows of a class of {@code k}. */
    static long testCount(long k, double testSplit) {
        return Math.max(0, Math.min((long) Math.floor(k * testSplit + 0.5), k - 1));
    }

    /** The two content hashes of each row, seeded. */
    static Column[] hashes(SparkTable table, long seed) {
        Column[] content = table.content();
        return new Column[]{hash(seed, content).as(H1), hash(seed ^ SECOND, content).as(H2)};
    }

    private static Column hash(long seed, Column[] content) {
        Column[] all = new Column[content.length + 1];
        all[0] = functions.lit(seed);
        System.arraycopy(content, 0, all, 1, content.length);
        return functions.xxhash64(all);
    }

    /**
     * Marks each row of {@code rows} (which has {@link #CLASS} as an int index, {@link #H1} and
     * {@link #H2}) as test or not ({@link #TEST}).
     *
     * @param classCounts rows per class index
     */
    static Dataset<Row> split(SparkSession spark, Dataset<Row> rows, long[] classCounts, double testSplit) {
        long[] start = new long[classCounts.length];
        long[] test = new long[classCounts.length];
        for (int c = 0, s = 0; c < classCounts.length; c++) {
            start[c] = s;
            s += classCounts[c];
            test[c] = testCount(classCounts[c], testSplit);
        }
        int classAt = List.of(rows.columns()).indexOf(CLASS);
        JavaRDD<Row> marked = rows.orderBy(CLASS, H1, H2).toJavaRDD().zipWithIndex().map(t -> {
            Row r = t._1();
            int c = r.getInt(classAt);
            List<Object> values = new ArrayList<>(r.size() + 1);
            for (int i = 0; i < r.size(); i++) {
                values.add(r.get(i));
            }
            values.add((Long) t._2() - start[c] < test[c]);
            return RowFactory.create(values.toArray());
        });
        StructType schema = rows.schema().add(TEST, DataTypes.BooleanType, false);
        return spark.createDataFrame(marked, schema);
    }
}
