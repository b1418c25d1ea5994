package dev.grove.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The session the default trainer prepares on: the active one, or one built from spark-submit's settings. */
final class SparkSessions {
    private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

    private SparkSessions() {
    }

    /**
     * The session active on this thread or in this JVM; otherwise a new one from the configuration
     * spark-submit gives ({@code spark.master} and the rest), with {@code local[*]} when no master is set.
     */
    static SparkSession active() {
        SparkSession.Builder builder = SparkSession.builder().appName("grove");
        if (SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty()
                && !new SparkConf().contains("spark.master")) {
            LOG.info("no Spark master is set (spark.master); training on this machine with local[*]");
            builder = builder.master("local[*]");
        }
        return builder.getOrCreate();
    }
}
