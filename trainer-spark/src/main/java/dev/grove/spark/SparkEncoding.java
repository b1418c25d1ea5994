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
        Column[] present = new Column[p];
        for (int j = 0; j < p; j++) {
            present[j] = functions.count(functions.col(SparkTable.feature(j)));
        }
        Row counts = SparkTable.agg(train, present);
        Column[] total = {functions.count(functions.lit(1))};
        long rows = SparkTable.agg(train, total).getLong(0);
        List<Integer> categorical = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            if (!table.numeric()[j]) {
                categorical.add(j);
            }
        }
        List<TreeMap<String, Long>> levels = levelCounts(train, categorical, table);
        List<FeatureSpec> specs = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            String name = table.names().get(j);
            long present1 = counts.getLong(j);
            if (table.numeric()[j]) {
                double median = median(train, SparkTable.feature(j), present1);
                specs.add(new FeatureSpec(name, ColumnType.NUMERIC, List.of(), median, median));
            } else {
                specs.add(categorical(name, levels.get(categorical.indexOf(j)), present1 < rows));
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

    /** The exact median of the present values of {@code column}, by a distributed sort; 0 when there are none. */
    private static double median(Dataset<Row> train, String column, long present) {
        if (present == 0) {
            return 0;
        }
        long lo = (present - 1) / 2;
        long hi = present / 2;
        List<scala.Tuple2<Row, Long>> middle = train.select(column).where(functions.col(column).isNotNull())
                .orderBy(column).toJavaRDD().zipWithIndex()
                .filter(t -> t._2() == lo || t._2() == hi).collect();
        double a = Double.NaN;
        double b = Double.NaN;
        for (var t : middle) {
            long i = t._2();
            if (i == lo) {
                a = t._1().getDouble(0);
            }
            if (i == hi) {
                b = t._1().getDouble(0);
            }
        }
        return lo == hi ? a : (a + b) / 2;
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
