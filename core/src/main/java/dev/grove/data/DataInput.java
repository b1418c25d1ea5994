package dev.grove.data;

import dev.grove.InvalidRequestException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a training's rows come from: a CSV file read with {@link CsvOptions}, a SQL query over
 * JDBC, a {@link Dataset} the application built in memory, or an {@link ExternalTable} that a
 * {@link dev.grove.train.SourceTrainer} reads where it lives. The pipeline reads the first three
 * once, in its read stage; it never reads an external table itself.
 */
public final class DataInput {
    private final Optional<Path> file;
    private final CsvOptions csv;
    private final Dataset dataset;
    private final String recordedAs;
    private final JdbcQuery query;
    private final ExternalTable external;

    private DataInput(Optional<Path> file, CsvOptions csv, Dataset dataset, String recordedAs) {
        this(file, csv, dataset, recordedAs, null, null);
    }

    private DataInput(Optional<Path> file, CsvOptions csv, Dataset dataset, String recordedAs, JdbcQuery query,
                      ExternalTable external) {
        this.file = file;
        this.csv = csv;
        this.dataset = dataset;
        this.recordedAs = recordedAs;
        this.query = query;
        this.external = external;
    }

    /**
     * A table too big for this JVM, read by a {@link dev.grove.train.SourceTrainer} (e.g. {@code
     * spark}) where it lives; the label is the last column unless {@link #withLabel}.
     *
     * @param location a path or URI the trainer understands (a local path, {@code hdfs://}, {@code s3a://})
     * @param format   {@code csv} (with a header row) or {@code parquet}
     */
    public static DataInput external(String location, String format) {
        return new DataInput(Optional.empty(), null, null, null, null,
                new ExternalTable(location, format, Optional.empty()));
    }

    /** The external table, when the rows are read where they live by a source trainer. */
    public Optional<ExternalTable> external() {
        return Optional.ofNullable(external);
    }

    /**
     * The rows of a SQL query, read over JDBC from {@code jdbcUrl} (credentials may be in the URL:
     * they are used to connect and never recorded or shown). Numeric SQL types are numeric
     * features, text is categorical, NULL is missing; the label is the last column unless
     * {@link #withLabel}. Give the query an ORDER BY on a unique key: the fingerprint and the split
     * follow the rows' order.
     */
    public static DataInput query(String jdbcUrl, String sql) {
        return new DataInput(Optional.empty(), null, null, null,
                new JdbcQuery(Objects.requireNonNull(jdbcUrl, "jdbcUrl"), null, sql, Optional.empty()), null);
    }

    /** The rows of a SQL query, read from an application's {@link javax.sql.DataSource}; see {@link #query(String, String)}. */
    public static DataInput query(javax.sql.DataSource dataSource, String sql) {
        return new DataInput(Optional.empty(), null, null, null,
                new JdbcQuery(null, Objects.requireNonNull(dataSource, "dataSource"), sql, Optional.empty()), null);
    }

    /** A query's or external table's label column (default: its last column); for CSV files use {@link CsvOptions#withLabel}. */
    public DataInput withLabel(String column) {
        if (external != null) {
            return new DataInput(file, csv, dataset, recordedAs, null, external.withLabel(column));
        }
        if (query == null) {
            return withCsvOptions(csv == null ? CsvOptions.defaults().withLabel(column) : csv.withLabel(column));
        }
        return new DataInput(file, csv, dataset, recordedAs, query.withLabel(column), null);
    }

    /** A CSV file, read with {@code options}. */
    public static DataInput csv(Path file, CsvOptions options) {
        return new DataInput(Optional.of(Objects.requireNonNull(file, "file")), Objects.requireNonNull(options, "options"),
                null, null);
    }

    /** Rows already in memory; their {@link Dataset#source()} is what the run records as the dataset. */
    public static DataInput of(Dataset data) {
        return new DataInput(Optional.empty(), null, Objects.requireNonNull(data, "data"), null);
    }

    /**
     * The same rows, recorded under {@code name} as the run's dataset path instead of the file's path
     * (e.g. {@code stdin} for data piped in and held in a temporary file).
     */
    public DataInput recordedAs(String name) {
        return new DataInput(file, csv, dataset, Objects.requireNonNull(name, "name"), query, external);
    }

    /**
     * What the run records as the dataset path: the name given, else the rows' source; for a
     * query, the database URL without credentials and the query ({@code URL :: SELECT …}); for an
     * external table, its location.
     */
    public String recordedPath(Dataset read) {
        return recordedAs != null ? recordedAs : query != null ? query.describe() : read.source().path();
    }

    /** What the run records as the dataset path of an external table: the name given, else its location. */
    public String recordedPath(ExternalTable table) {
        return recordedAs != null ? recordedAs : table.location();
    }

    /** The CSV file, when the rows come from one. */
    public Optional<Path> file() {
        return file;
    }

    /** The CSV options, when the rows come from a file. */
    public Optional<CsvOptions> csvOptions() {
        return Optional.ofNullable(csv);
    }

    /** The same file read with other options; only for CSV input. */
    public DataInput withCsvOptions(CsvOptions options) {
        if (file.isEmpty()) {
            throw new InvalidRequestException("CSV options apply to a CSV file, but this training's rows come from "
                    + (query != null ? "a SQL query; choose the columns in the query, and the label with withLabel"
                    : external != null ? "the external table " + external.location() + ", which its trainer reads; "
                    + "choose the label with withLabel"
                    : "an in-memory dataset; choose the features and label when building the dataset"));
        }
        DataInput d = csv(file.get(), options);
        return recordedAs != null ? d.recordedAs(recordedAs) : d;
    }

    /**
     * Reads the rows (the whole file, for CSV input).
     *
     * @throws InvalidRequestException for an external table, which only a source trainer reads
     */
    public Dataset read() {
        if (external != null) {
            throw new InvalidRequestException("the dataset " + external.location() + " is an external " + external.format()
                    + " table, read where it lives by a source trainer such as spark, not into this JVM; train it with "
                    + "a source trainer, or give a CSV file to read it into memory");
        }
        if (query != null) {
            return query.read();
        }
        return dataset != null ? dataset : CsvReader.readDataset(file.orElseThrow(), csv);
    }

    /** The feature names asked for explicitly (empty when every column is a feature). */
    public java.util.List<String> requestedFeatures() {
        return csv != null ? csv.include() : java.util.List.of();
    }

    /** How the rows are read, for the run record: enough to read the same rows again. */
    public Map<String, Object> readOptions() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (external != null) {
            m.put("format", external.format());
            m.put("location", external.location());
            external.label().ifPresent(l -> m.put("label", l));
            return m;
        }
        if (query != null) {
            m.put("format", "jdbc");
            m.put("url", query.shownUrl());
            m.put("query", query.sql());
            query.label().ifPresent(l -> m.put("label", l));
            return m;
        }
        if (csv == null) {
            m.put("format", "memory");
            return m;
        }
        m.put("format", "csv");
        m.putAll(csv.describe());
        return m;
    }

    /**
     * For messages: the file, the query (with its URL's credentials left out), the external table's
     * location, or the in-memory dataset's name.
     */
    @Override
    public String toString() {
        if (external != null) {
            return external.location();
        }
        if (query != null) {
            return query.describe();
        }
        return file.map(Path::toString).orElseGet(() -> dataset.source().path());
    }
}
