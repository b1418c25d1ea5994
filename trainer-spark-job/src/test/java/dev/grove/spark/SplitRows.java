package dev.grove.spark;

import dev.grove.data.Dataset;
import dev.grove.data.ExternalTable;
import dev.grove.train.PreparedSource;
import dev.grove.train.TrainingParams;
import org.apache.spark.sql.SparkSession;

/**
 * The train rows of the spark trainer's split, computed by trainer-spark's own code on a local
 * session (the split depends on the seed and the rows' content, never on the partitioning, so it is
 * the split the cluster used). In this package because the rows are not part of the public API.
 */
public final class SplitRows {
    private SplitRows() {
    }

    public static Dataset trainRows(SparkSession spark, ExternalTable table, TrainingParams params, double testSplit) {
        try (PreparedSource prepared = SparkTrainer.using(spark).prepare(table, params, testSplit)) {
            return ((SparkPreparation) prepared).trainRows(Integer.MAX_VALUE);
        }
    }
}
