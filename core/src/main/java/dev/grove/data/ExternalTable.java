package dev.grove.data;

import dev.grove.InvalidRequestException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A table a {@link dev.grove.train.SourceTrainer} reads itself, where the rows may not fit in this
 * JVM: a CSV file (with a header row) or Parquet, at any location the engine understands (a local
 * path, {@code hdfs://}, {@code s3a://}). Core never opens it.
 *
 * @param location where the engine reads the rows
 * @param format   {@code csv} or {@code parquet}
 * @param label    the label column; empty means the last column
 */
public record ExternalTable(String location, String format, Optional<String> label) {
    /** The formats a source trainer must accept. */
    public static final Set<String> FORMATS = Set.of("csv", "parquet");

    public ExternalTable {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(label, "label");
        if (location.isBlank()) {
            throw new InvalidRequestException("the dataset location is empty: give a path or URI such as data/train.csv or s3a://bucket/train/");
        }
        if (!FORMATS.contains(format)) {
            throw new InvalidRequestException("unknown dataset format '" + format + "': use csv or parquet");
        }
    }

    /** The same table with its label column named. */
    public ExternalTable withLabel(String column) {
        return new ExternalTable(location, format, Optional.of(column));
    }
}
