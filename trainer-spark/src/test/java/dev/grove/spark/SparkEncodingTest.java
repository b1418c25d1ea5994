package dev.grove.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grove.data.ColumnType;
import dev.grove.data.Dataset;
import dev.grove.data.Table;
import dev.grove.train.FeatureEncoding;
import dev.grove.train.FeatureSpec;
import dev.grove.train.PreparedSource;
import dev.grove.train.TrainingParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Spark encodes rows as core's FeatureEncoding does, and fixes it on the train rows as core would. */
class SparkEncodingTest {

    @Test
    void sparkEncodesRawValuesAsCoreDoes() {
        FeatureSpec numeric = new FeatureSpec("x", ColumnType.NUMERIC, List.of(), 2.5, 2.5);
        FeatureSpec colour = new FeatureSpec("colour", ColumnType.CATEGORICAL,
                List.of("blue", "green", "red", FeatureEncoding.MISSING_LEVEL), 3, 1);
        FeatureSpec size = new FeatureSpec("size", ColumnType.CATEGORICAL, List.of("L", "M", "S"), 1, 1);
        Double[] x = {1.0, null, -3.25, 7.0, null, 0.0};
        String[] c = {"red", null, "purple", FeatureEncoding.MISSING_LEVEL, "blue", "green"};
        String[] s = {"S", "L", null, "XL", "M", null};
        StructType schema = new StructType().add("c0", DataTypes.DoubleType).add("c1", DataTypes.StringType)
                .add("c2", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        List<Map<String, Object>> maps = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            rows.add(RowFactory.create(x[i], c[i], s[i]));
            Map<String, Object> m = new HashMap<>();
            m.put("x", x[i]);
            m.put("colour", c[i]);
            m.put("size", s[i]);
            maps.add(m);
        }
        List<Row> encoded = TestSpark.session().createDataFrame(rows, schema)
                .select(SparkEncoding.encode(numeric, 0), SparkEncoding.encode(colour, 1), SparkEncoding.encode(size, 2))
                .collectAsList();
        FeatureEncoding core = new FeatureEncoding(List.of(numeric, colour, size));
        double[][] expected = core.encodeRows(Table.ofRows(maps, core.types(), "rows"));
        for (int i = 0; i < x.length; i++) {
            double[] got = {encoded.get(i).getDouble(0), encoded.get(i).getDouble(1), encoded.get(i).getDouble(2)};
            assertArrayEquals(expected[i], got, 0.0, "row " + i);
        }
    }

    @Test
    void mediansAndLevelsOnSmallColumns() {
        StructType schema = new StructType().add("c0", DataTypes.DoubleType).add("c1", DataTypes.DoubleType)
                .add("c2", DataTypes.StringType).add("c3", DataTypes.StringType).add("grove_label", DataTypes.StringType);
        List<Row> rows = List.of(
                RowFactory.create(10.0, null, "b", "x", "p"),
                RowFactory.create(1.0, null, "a", null, "q"),
                RowFactory.create(null, null, "b", "y", "p"),
                RowFactory.create(3.0, null, "a", "y", "q"),
                RowFactory.create(2.0, null, "c", "x", "p"));
        SparkTable table = new SparkTable(TestSpark.session().createDataFrame(rows, schema),
                List.of("even", "empty", "tie", "holes"), new boolean[]{true, true, false, false}, "y");
        FeatureEncoding e = SparkEncoding.fit(table.rows(), table);
        assertEquals(new FeatureSpec("even", ColumnType.NUMERIC, List.of(), 2.5, 2.5), e.features().get(0),
                "the mean of the two middle values of 1, 2, 3, 10");
        assertEquals(new FeatureSpec("empty", ColumnType.NUMERIC, List.of(), 0, 0), e.features().get(1));
        // a and b tie (2 rows each): the first in String order is the most frequent, as core takes the first
        assertEquals(new FeatureSpec("tie", ColumnType.CATEGORICAL, List.of("a", "b", "c"), 0, 0), e.features().get(2));
        assertEquals(new FeatureSpec("holes", ColumnType.CATEGORICAL, List.of("x", "y", FeatureEncoding.MISSING_LEVEL),
                2, 0), e.features().get(3));
    }

    @Test
    void fixedOnTheTrainRowsAsCoreFixesIt() {
        try (PreparedSource p = TestSpark.trainer().prepare(TestSpark.csv("penguins"),
                TrainingParams.defaults().withRandomState(3), 0.2)) {
            FeatureEncoding spark = ((SparkPreparation) p).encoding();
            Dataset train = ((SparkPreparation) p).trainRows(Integer.MAX_VALUE);
            FeatureEncoding core = FeatureEncoding.fit(train);
            assertEquals(core.names(), spark.names());
            for (int j = 0; j < core.size(); j++) {
                FeatureSpec a = core.features().get(j);
                FeatureSpec b = spark.features().get(j);
                assertEquals(a.type(), b.type(), a.name());
                if (a.type() == ColumnType.NUMERIC) {
                    assertEquals(a.fill(), b.fill(), 0.0, a.name() + ": the training median");
                } else {
                    // same levels (Spark's in String order), same missing level, same most frequent level
                    assertEquals(new TreeSet<>(a.levels()), new TreeSet<>(b.levels()), a.name());
                    assertEquals(a.levels().get((int) a.unseen()), b.levels().get((int) b.unseen()), a.name());
                    assertEquals(a.levels().get((int) a.fill()), b.levels().get((int) b.fill()), a.name());
                    assertEquals(new TreeSet<>(a.levels()).stream().toList(),
                            b.levels().stream().sorted().toList());
                    List<String> sorted = new ArrayList<>(b.levels());
                    sorted.remove(FeatureEncoding.MISSING_LEVEL);
                    assertEquals(sorted.stream().sorted().toList(), sorted, "levels in String order");
                }
            }
            assertEquals(Arrays.asList("island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g",
                    "sex"), spark.names());
        }
    }
}
