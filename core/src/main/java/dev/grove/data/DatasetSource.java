package dev.grove.data;

import java.util.Objects;

/**
 * Where a table came from: the file (or a name for rows that came from no file), the SHA-256 of
 * its bytes (the dataset's fingerprint), the data rows read, and how many of them were dropped
 * because their label was missing.
 *
 * @param path      a CSV file's absolute path; for rows built in memory {@code memory:NAME}, for rows
 *                  read through JDBC {@code jdbc:NAME} (see {@link Dataset#builder})
 * @param sha256    a file's SHA-256, or that of the canonical rendering of rows built in memory
 *                  (see {@link Dataset#builder}); empty when not computed
 * @param sizeBytes the file's size; 0 for rows that came from no file
 */
public record DatasetSource(String path, String sha256, long sizeBytes, int rowsRead, int rowsDroppedMissingLabel) {
    public DatasetSource {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** A source for a table built in memory, without a fingerprint (e.g. rows to predict). */
    public static DatasetSource inMemory(String name, int rows) {
        return new DatasetSource(name, "", 0, rows, 0);
    }
}
