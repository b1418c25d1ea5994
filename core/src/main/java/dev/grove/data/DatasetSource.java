package dev.grove.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a table came from: the file, the SHA-256 of its bytes (the dataset's fingerprint), the
 * data rows read, and how many of them were dropped because their label was missing.
 */
public record DatasetSource(Path path, String sha256, long sizeBytes, int rowsRead, int rowsDroppedMissingLabel) {
    public DatasetSource {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** A source for a table built in memory rather than read from a file. */
    public static DatasetSource inMemory(String name, int rows) {
        return new DatasetSource(Path.of(name), "", 0, rows, 0);
    }
}
