package dev.grove.spark;

import dev.grove.InvalidDataException;
import dev.grove.data.ColumnType;
import dev.grove.train.FeatureEncoding;
import dev.grove.train.FeatureSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Core's {@link FeatureEncoding}, fixed on the training rows in Spark, and the Spark expressions
 * that encode rows as it does, so the exported model given raw rows sees what Spark trained on:
 * <ul>
 *   <li>numeric: the value; missing → the training median (the mean of the two middle values for
 *       an even count), found by a distributed sort, never by collecting the column;</li>
 *   <li>categorical: the index of the level among the training levels, <b>in {@link String#compareTo}
 *       order</b> (core's in-memory data use first appearance, which a partitioned table does not
 *       have); missing → {@value FeatureEncoding#MISSING_LEVEL} when training had missing cells,
 *       else the most frequent level (the first in level order on a tie); an unseen level → the
 *       most frequent level.</li>
 * </ul>
 * Spark learns categorical features as such: their encoded columns carry nominal metadata.
 */
final class SparkEncoding {
    /** Spark needs a bin per level; more levels than this are refused as unlikely to be meant. */
    static final int MAX_LEVELS = 10_000;

    private SparkEncoding() {
    }

    /** Fixes the encoding on {@code train} (columns as {@link SparkTable} names them). */
    static FeatureEncoding fit(Dataset<Row> train, SparkTable table) {
        int p = table.features();
        Column[] counts = new Column[p + 1];
        for (int j = 0; j < p; j++) {
            counts[j] = functions.count(functions.col(SparkTable.feature(j)));
        }
        counts[p] = functions.count(functions.lit(1));
        Row present = SparkTable.agg(train, counts);
        long rows = present.getLong(p);
        List<Integer> numeric = new ArrayList<>();
        List<Integer> categorical = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            (table.numeric()[j] ? numeric : categorical).add(j);
        }
        double[] medians = medians(train, numeric, present);
        List<TreeMap<String, Long>> levels = levelCounts(train, categorical, table);
        List<FeatureSpec> specs = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            String name = table.names().get(j);
            if (table.numeric()[j]) {
                double median = medians[numeric.indexOf(j)];
                specs.add(new FeatureSpec(name, ColumnType.NUMERIC, List.of(), median, median));
            } else {
                specs.add(categorical(name, levels.get(categorical.indexOf(j)), present.getLong(j) < rows));
            }
        }
        return new FeatureEncoding(specs);
    }

    private static FeatureSpec categorical(String name, TreeMap<String, Long> counts, boolean missing) {
        List<String> levels = new ArrayList<>();
        int mostFrequent = 0;
        long best = -1;
        for (var e : counts.entrySet()) {
            if (e.getValue() > best) {
                best = e.getValue();
                mostFrequent = levels.size();
            }
            levels.add(e.getKey());
        }
        double fill = mostFrequent;
        if (missing || levels.isEmpty()) {
            fill = levels.size();
            levels.add(FeatureEncoding.MISSING_LEVEL);
        }
        return new FeatureSpec(name, ColumnType.CATEGORICAL, levels, fill, mostFrequent);
    }

    /** Level → rows for each categorical column, in one pass (at most {@link #MAX_LEVELS} each). */
    private static List<TreeMap<String, Long>> levelCounts(Dataset<Row> train, List<Integer> categorical,
                                                          SparkTable table) {
        List<TreeMap<String, Long>> out = new ArrayList<>();
        categorical.forEach(j -> out.add(new TreeMap<>()));
        if (categorical.isEmpty()) {
            return out;
        }
        Column[] cells = new Column[categorical.size()];
        for (int k = 0; k < cells.length; k++) {
            cells[k] = functions.struct(functions.lit(k).as("k"),
                    functions.col(SparkTable.feature(categorical.get(k))).as("v"));
        }
        Dataset<Row> byLevel = train.select(functions.explode(functions.array(cells)).as("cell"))
                .select(functions.col("cell.k").as("k"), functions.col("cell.v").as("v"))
                .where(functions.col("v").isNotNull()
                        .and(functions.col("v").notEqual(functions.lit(FeatureEncoding.MISSING_LEVEL))))
                .groupBy("k", "v").count();
        long limit = (long) MAX_LEVELS * cells.length + 1;
        for (Row r : byLevel.limit((int) Math.min(Integer.MAX_VALUE, limit)).collectAsList()) {
            TreeMap<String, Long> m = out.get(r.getInt(0));
            m.put(r.getString(1), r.getLong(2));
            if (m.size() > MAX_LEVELS) {
                throw new InvalidDataException("the categorical column '" + table.names().get(categorical.get(r.getInt(0)))
                        + "' has more than " + MAX_LEVELS + " levels in the training rows; leave it out (--exclude) or "
                        + "give it as numbers");
            }
        }
        return out;
    }

    /**
     * The exact median of the present values of each numeric column (0 when there are none), by one
     * distributed sort of (column, value) pairs numbered with {@code zipWithIndex}: column {@code k}'s
     * values are a contiguous run whose start is the sum of the earlier columns' counts, so its
     * middle ranks are known without collecting anything but those values.
     */
    private static double[] medians(Dataset<Row> train, List<Integer> numeric, Row present) {
        int q = numeric.size();
        double[] out = new double[q];
        if (q == 0) {
            return out;
        }
        long[] lo = new long[q];
        long[] hi = new long[q];
        java.util.Map<Long, Integer> wanted = new java.util.HashMap<>();
        long start = 0;
        for (int k = 0; k < q; k++) {
            long n = present.getLong(numeric.get(k));
            lo[k] = n == 0 ? -1 : start + (n - 1) / 2;
            hi[k] = n == 0 ? -1 : start + n / 2;
            if (n > 0) {
                wanted.put(lo[k], k);
                wanted.put(hi[k], k);
            }
            start += n;
        }
        Column[] cells = new Column[q];
        for (int k = 0; k < q; k++) {
            cells[k] = functions.struct(functions.lit(k).as("k"),
                    functions.col(SparkTable.feature(numeric.get(k))).as("v"));
        }
        java.util.Set<Long> ranks = java.util.Set.copyOf(wanted.keySet());
        List<scala.Tuple2<Row, Long>> middle = train.select(functions.explode(functions.array(cells)).as("cell"))
                .select(functions.col("cell.k").as("k"), functions.col("cell.v").as("v"))
                .where(functions.col("v").isNotNull()).orderBy("k", "v")
                .toJavaRDD().zipWithIndex().filter(t -> ranks.contains(t._2())).collect();
        java.util.Map<Long, Double> value = new java.util.HashMap<>();
        for (var t : middle) {
            value.put(t._2(), t._1().getDouble(1));
        }
        for (int k = 0; k < q; k++) {
            if (lo[k] >= 0) {
                out[k] = lo[k] == hi[k] ? value.get(lo[k]) : (value.get(lo[k]) + value.get(hi[k])) / 2;
            }
        }
        return out;
    }

    /** The encoded value of feature {@code j} per {@code spec}, as Spark trains on it. */
    static Column encode(FeatureSpec spec, int j) {
        Column c = functions.col(SparkTable.feature(j));
        String out = "e" + j;
        if (spec.type() == ColumnType.NUMERIC) {
            return functions.coalesce(c, functions.lit(spec.fill())).as(out);
        }
        List<Column> kv = new ArrayList<>();
        for (int i = 0; i < spec.levels().size(); i++) {
            if (!spec.levels().get(i).equals(FeatureEncoding.MISSING_LEVEL)) {
                kv.add(functions.lit(spec.levels().get(i)));
                kv.add(functions.lit((double) i));
            }
        }
        Column known = kv.isEmpty() ? functions.lit(null).cast(DataTypes.DoubleType)
                : functions.try_element_at(functions.map(kv.toArray(Column[]::new)), c);
        Column value = functions.when(c.isNull(), functions.lit(spec.fill()))
                .otherwise(functions.coalesce(known, functions.lit(spec.unseen())));
        return value.as(out, NominalAttribute.defaultAttr().withName(spec.name())
                .withNumValues(spec.levels().size()).toMetadata());
    }
}
