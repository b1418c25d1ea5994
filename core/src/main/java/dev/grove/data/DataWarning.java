package dev.grove.data;

import java.util.Objects;

/**
 * Something in the data that was read as asked but probably not as meant, e.g. a column of
 * numbers with decimal commas read as categories. Reading goes on; the warning is logged, kept
 * on the {@link Dataset} and its {@link DatasetProfile}, and shown to whoever trains.
 *
 * @param column  the column concerned
 * @param message what was seen and what to do about it, one line
 */
public record DataWarning(String column, String message) {
    public DataWarning {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(message, "message");
    }
}
