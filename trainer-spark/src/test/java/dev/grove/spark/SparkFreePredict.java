package dev.grove.spark;

import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Table;
import dev.grove.train.Predictions;
import dev.grove.train.TrainedModel;
import dev.grove.train.Trainer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.ServiceLoader;

/**
 * Run by {@link SparkFreeLoadTest} in a JVM whose class path holds Grove core, this module's classes,
 * Jackson and SLF4J only: finds the spark trainer through ServiceLoader, loads a model file and prints
 * the prediction of every row of a CSV, one per line (after a first line with the trainer's name and
 * version). Exits 3 if Spark or Scala can be loaded, so the test cannot pass by accident.
 */
public final class SparkFreePredict {
    private SparkFreePredict() {
    }

    public static void main(String[] args) throws Exception {
        for (String c : new String[]{"org.apache.spark.sql.SparkSession", "scala.Option"}) {
            try {
                Class.forName(c);
                System.out.println("found " + c);
                System.exit(3);
            } catch (ClassNotFoundException expected) {
                // Spark and Scala are absent, as on a laptop
            }
        }
        Trainer spark = ServiceLoader.load(Trainer.class).stream().map(ServiceLoader.Provider::get)
                .filter(t -> t.name().equals("spark")).findFirst().orElseThrow();
        TrainedModel model;
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            model = spark.load(in);
        }
        Table rows = CsvReader.readTable(Path.of(args[1]),
                CsvOptions.defaults().withCategorical(new HashSet<>(model.encoding().categoricalNames())));
        Predictions p = model.predict(rows);
        StringBuilder out = new StringBuilder(spark.name() + " " + spark.version() + "\n");
        for (int i = 0; i < p.size(); i++) {
            out.append(p.label(i)).append(' ').append(java.util.Arrays.toString(p.probabilities()[i])).append('\n');
        }
        System.out.print(out);
    }
}
