package dev.grove.spark;

import dev.grove.InvalidDataException;
import dev.grove.InvalidRequestException;
import dev.grove.data.ExternalTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

/**
 * An external table as Spark reads it, typed as Grove types a CSV: each feature column numeric
 * (a double; missing = null) or categorical (text; missing = null), and the label as text. Columns
 * get internal names ({@code c0}, {@code c1}, … and {@value #LABEL}) so any header text is safe.
 *
 * <ul>
 *   <li>CSV (header row, UTF-8): cells are trimmed; empty, {@code NA} and {@code ?} are missing
 *       (core's default tokens); a column whose every present cell is a plain decimal number is
 *       numeric, any other categorical. Deciding this costs one pass over the file.</li>
 *   <li>Parquet: numeric SQL types are numeric (NaN is missing), every other type categorical (its text).</li>
 * </ul>
 *
 * @param rows     the typed rows (label may be null: such rows are counted, then dropped)
 * @param names    feature names as in the data, in column order
 * @param numeric  per feature, numeric or categorical
 * @param label    the label column's name
 * @param cached   the persisted dataset {@code rows} derive from (null when nothing is persisted);
 *                 {@link #release} frees it
 */
record SparkTable(Dataset<Row> rows, List<String> names, boolean[] numeric, String label, Dataset<Row> cached) {
    static final String LABEL = "grove_label";
    /** Core's plain decimal: optional sign, digits with an optional point, optional exponent. */
    private static final String DECIMAL = "^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$";

    SparkTable(Dataset<Row> rows, List<String> names, boolean[] numeric, String label) {
        this(rows, names, numeric, label, null);
    }

    /** Frees the persisted cells, if any (safe to call twice). */
    void release() {
        if (cached != null) {
            cached.unpersist();
        }
    }

    static String feature(int j) {
        return "c" + j;
    }

    static Column col(String name) {
        return functions.col("`" + name.replace("`", "``") + "`");
    }

    static SparkTable read(SparkSession spark, ExternalTable table) {
        Dataset<Row> raw;
        try {
            raw = table.format().equals("csv")
                    ? spark.read().option("header", "true").option("inferSchema", "false").option("mode", "FAILFAST")
                    .option("encoding", "UTF-8").csv(table.location())
                    : spark.read().parquet(table.location());
        } catch (Exception e) { // Spark throws its (checked) AnalysisException undeclared
            if (!(e instanceof org.apache.spark.sql.AnalysisException)) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
            throw new InvalidRequestException("Spark cannot read the dataset " + table.location() + " as "
                    + table.format() + ": " + firstLine(e.getMessage()) + "; check the path and --format");
        }
        List<String> columns = Arrays.asList(raw.columns());
        if (columns.size() < 2) {
            throw new InvalidDataException(table.location() + " has " + columns.size() + " column(s); Grove needs at "
                    + "least one feature column and a label column");
        }
        String label = table.label().orElse(columns.get(columns.size() - 1));
        if (!columns.contains(label)) {
            throw new InvalidRequestException("the dataset " + table.location() + " has no column '" + label
                    + "' to use as the label; its columns are " + String.join(", ", columns));
        }
        List<String> names = new ArrayList<>(columns);
        names.remove(label);
        boolean[] numeric = new boolean[names.size()];
        List<Column> select = new ArrayList<>();
        if (table.format().equals("csv")) {
            List<Column> cleaned = new ArrayList<>();
            for (int j = 0; j < names.size(); j++) {
                cleaned.add(clean(col(names.get(j))).as(feature(j)));
            }
            cleaned.add(clean(col(label)).as(LABEL));
            // parsed once: the typing pass fills this cache and every later pass reads it, not the file
            // (memory and disk: on local[*] the executor shares the driver's heap, and the file may exceed it)
            Dataset<Row> text = raw.select(cleaned.toArray(Column[]::new)).persist(StorageLevel.MEMORY_AND_DISK());
            Row notDecimal;
            try {
                notDecimal = agg(text, notDecimalCounts(names.size()));
            } catch (Exception e) { // a malformed row surfaces here, as Spark's (undeclared, checked) SparkException
                text.unpersist();
                throw e;
            }
            for (int j = 0; j < names.size(); j++) {
                numeric[j] = notDecimal.getLong(j) == 0;
                Column c = functions.col(feature(j));
                select.add((numeric[j] ? c.try_cast(DataTypes.DoubleType) : c).as(feature(j)));
            }
            select.add(functions.col(LABEL));
            return new SparkTable(text.select(select.toArray(Column[]::new)), List.copyOf(names), numeric, label, text);
        }
        StructField[] fields = raw.schema().fields();
        for (int j = 0; j < names.size(); j++) {
            String name = names.get(j);
            StructField f = Arrays.stream(fields).filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            numeric[j] = f.dataType() instanceof NumericType;
            Column c = col(name);
            if (numeric[j]) {
                Column d = c.cast(DataTypes.DoubleType);
                select.add(functions.when(functions.isnan(d), functions.lit(null).cast(DataTypes.DoubleType))
                        .otherwise(d).as(feature(j)));
            } else {
                select.add(c.cast(DataTypes.StringType).as(feature(j)));
            }
        }
        select.add(col(label).cast(DataTypes.StringType).as(LABEL));
        return new SparkTable(raw.select(select.toArray(Column[]::new)), List.copyOf(names), numeric, label);
    }

    /** Trimmed text; core's missing tokens become null. */
    private static Column clean(Column c) {
        Column t = functions.trim(c);
        return functions.when(t.isNull().or(t.isin("", "NA", "?")), functions.lit(null).cast(DataTypes.StringType))
                .otherwise(t);
    }

    private static Column[] notDecimalCounts(int features) {
        Column[] out = new Column[features];
        for (int j = 0; j < features; j++) {
            Column c = functions.col(feature(j));
            out[j] = functions.coalesce(functions.sum(functions.when(c.isNotNull().and(functions.not(c.rlike(DECIMAL))), 1L)
                    .otherwise(0L)), functions.lit(0L));
        }
        return out;
    }

    /** One row of aggregates over {@code rows}. */
    static Row agg(Dataset<Row> rows, Column[] aggregates) {
        return rows.agg(aggregates[0], Arrays.copyOfRange(aggregates, 1, aggregates.length)).first();
    }

    int features() {
        return names.size();
    }

    /** The columns whose content identifies a row: every feature and the label, each with whether it is missing. */
    Column[] content() {
        List<Column> c = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            Column f = functions.col(feature(j));
            c.add(f);
            c.add(f.isNull());
        }
        c.add(functions.col(LABEL));
        return c.toArray(Column[]::new);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
